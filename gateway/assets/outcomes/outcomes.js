// The outcomes page: asks the graph for `outcomes` and draws it with Chart.js
// (served by the gateway). A null count is suppressed, never zero: the charts
// leave its bar out and write "suppressed" where it would stand, and the tables
// say so in words.
'use strict';

const SUPPRESSED = 'suppressed';
const TOKEN_KEY = 'oneplan-token';
const READINESS = [
  ['JOB_READY', 'Jobparat', '#2a6f97'],
  ['ACTIVITY_READY', 'Aktivitetsparat', '#a9d6e5'],
];
const DEPARTMENTS = { EMPLOYMENT: 'Employment', SOCIAL: 'Social', HEALTH: 'Health' };

/** The page's one operation, from the gateway, which lists its exact text among the trusted documents. */
let query;
async function outcomesQuery() {
  if (!query) {
    const response = await fetch('/outcomes/outcomes.graphql');
    if (!response.ok) throw new Error(`The gateway answered HTTP ${response.status}.`);
    query = await response.text();
  }
  return query;
}

const element = (id) => document.getElementById(id);
const shown = (value) => (value === null || value === undefined ? SUPPRESSED : String(value));

/** Writes "suppressed" where a null value's bar would stand. */
const suppressedLabels = {
  id: 'suppressedLabels',
  afterDatasetsDraw(chart) {
    const { ctx, scales } = chart;
    ctx.save();
    ctx.fillStyle = '#8a5a00';
    ctx.font = 'italic 11px system-ui, sans-serif';
    ctx.textAlign = 'center';
    chart.data.datasets.forEach((dataset, datasetIndex) => {
      const meta = chart.getDatasetMeta(datasetIndex);
      dataset.data.forEach((value, index) => {
        if (value !== null) return;
        const x = meta.data[index] ? meta.data[index].x : scales.x.getPixelForValue(index);
        ctx.fillText(SUPPRESSED, x, scales.y.getPixelForValue(0) - 6);
      });
    });
    ctx.restore();
  },
};

const charts = {};

function draw(id, config) {
  if (charts[id]) charts[id].destroy();
  charts[id] = new Chart(element(id), {
    ...config,
    plugins: [suppressedLabels],
    options: { animation: false, responsive: true, maintainAspectRatio: false, ...config.options },
  });
}

function table(id, head, rows) {
  const target = element(id);
  target.replaceChildren();
  const headRow = target.createTHead().insertRow();
  for (const text of head) {
    const cell = document.createElement('th');
    cell.textContent = text;
    headRow.appendChild(cell);
  }
  const body = target.createTBody();
  for (const row of rows) {
    const tableRow = body.insertRow();
    const [name, ...values] = row;
    const header = document.createElement('th');
    header.scope = 'row';
    header.textContent = name;
    tableRow.appendChild(header);
    for (const value of values) {
      const cell = tableRow.insertCell();
      cell.textContent = shown(value);
      if (value === null || value === undefined) cell.className = 'suppressed';
    }
  }
}

function render(outcomes) {
  element('cohort').textContent = shown(outcomes.cohort);
  element('caseworkers').textContent = shown(outcomes.caseworkersPerCitizen);
  element('as-of').textContent = new Date(outcomes.asOf).toLocaleString();

  const months = [...new Set(outcomes.jobReadiness.map((row) => row.monthsAfterStart))];
  const countAt = (month, readiness) => {
    const row = outcomes.jobReadiness.find((each) => each.monthsAfterStart === month && each.readiness === readiness);
    return row ? row.count : null;
  };
  draw('job-readiness', {
    type: 'bar',
    data: {
      labels: months.map((month) => (month === 0 ? 'At start' : `${month} months`)),
      datasets: READINESS.map(([readiness, label, colour]) => ({
        label,
        backgroundColor: colour,
        data: months.map((month) => countAt(month, readiness)),
      })),
    },
    options: { scales: { y: { beginAtZero: true, title: { display: true, text: 'Citizens' } } } },
  });
  table(
    'job-readiness-table',
    ['', ...READINESS.map(([, label]) => label)],
    months.map((month) => [
      month === 0 ? 'At start' : `${month} months`,
      ...READINESS.map(([readiness]) => countAt(month, readiness)),
    ]),
  );

  draw('days-to-first-effort', {
    type: 'bar',
    data: {
      labels: outcomes.daysToFirstEffort.map((row) => DEPARTMENTS[row.department] || row.department),
      datasets: [{ label: 'Median days', backgroundColor: '#468faf', data: outcomes.daysToFirstEffort.map((row) => row.median) }],
    },
    options: { scales: { y: { beginAtZero: true, title: { display: true, text: 'Days' } } } },
  });
  table(
    'days-to-first-effort-table',
    ['Department', 'Median days'],
    outcomes.daysToFirstEffort.map((row) => [DEPARTMENTS[row.department] || row.department, row.median]),
  );

  const meetings = [
    ['Holistic meetings held', outcomes.holisticMeetingsHeld],
    ['Sector meetings they replaced', outcomes.sectorMeetingsReplaced],
  ];
  draw('meetings', {
    type: 'bar',
    data: {
      labels: meetings.map(([label]) => label),
      datasets: [{ label: 'Meetings', backgroundColor: ['#2c7da0', '#89c2d9'], data: meetings.map(([, value]) => value) }],
    },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
  });
  table('meetings-table', ['', 'Meetings'], meetings);
  element('outcomes').hidden = false;
}

function status(text, isError) {
  const target = element('status');
  target.textContent = text;
  target.className = isError ? 'error' : '';
}

/** Outside production the gateway mints a development analyst token; in production it has no such route. */
async function developmentToken() {
  const response = await fetch('/outcomes/dev-token');
  return response.ok ? (await response.json()).token : null;
}

/** The token pasted, kept in this tab only; when none is, a development analyst's where the gateway offers one. */
async function token() {
  const pasted = element('token').value.trim();
  if (pasted) {
    sessionStorage.setItem(TOKEN_KEY, pasted);
    return pasted;
  }
  sessionStorage.removeItem(TOKEN_KEY);
  const minted = await developmentToken();
  if (!minted) throw new Error('Paste your bearer token to see the outcomes.');
  element('token').placeholder = 'Empty: a development analyst';
  return minted;
}

async function show(event) {
  if (event) event.preventDefault();
  const from = `${element('from').value}-01`;
  const to = `${element('to').value}-01`;
  status('Counting…');
  try {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}` },
      body: JSON.stringify({ query: await outcomesQuery(), variables: { from, to } }),
    });
    // A refusal before GraphQL (e.g. a proxy's error page) may not be JSON; its status still says what happened.
    const answer = await response
      .json()
      .catch(() => ({ errors: [{ message: `The gateway answered HTTP ${response.status}.` }] }));
    if (answer.errors && answer.errors.length > 0) {
      const [first] = answer.errors;
      const code = first.extensions && first.extensions.code;
      throw new Error(code ? `${code}: ${first.message}` : first.message);
    }
    render(answer.data.outcomes);
    status(`Shown: ${element('from').value} to ${element('to').value}.`);
    document.body.dataset.drawn = `${from}/${to}`;
  } catch (error) {
    // Charts of the previous window must not pass for this one's.
    element('outcomes').hidden = true;
    status(error instanceof Error ? error.message : String(error), true);
  }
}

function lastTwelveMonths() {
  const now = new Date();
  const month = (offset) => {
    const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
    return date.toISOString().slice(0, 7);
  };
  element('from').value = month(-12);
  element('to').value = month(-1);
}

const saved = sessionStorage.getItem(TOKEN_KEY);
if (saved) element('token').value = saved;
lastTwelveMonths();
element('window').addEventListener('submit', show);
void show();
