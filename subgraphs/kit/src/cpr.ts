/**
 * The Danish personal identification number (CPR-nummer): DDMMYY followed by a
 * four-digit sequence number whose first digit fixes the century of birth.
 *
 * There is deliberately no modulus-11 check: CPR-kontoret stopped guaranteeing it
 * in 2007, so numbers issued since may fail it and still be real.
 */
export interface ParsedCpr {
  /** Ten digits, no hyphen: the form stored and compared. */
  cpr: string;
  /** The birth date at UTC midnight. */
  birthDate: Date;
}

const CPR_PATTERN = /^(\d{2})(\d{2})(\d{2})-?(\d{4})$/;

/** Surrounding whitespace is forgiven because numbers are often pasted from letters and e-mails. */
export function parseCpr(input: string): ParsedCpr | null {
  const match = CPR_PATTERN.exec(input.trim());
  if (!match) return null;
  const [dd = '', mm = '', yy = '', sequence = ''] = match.slice(1);
  const year = birthYear(Number(yy), Number(sequence.charAt(0)));
  const birthDate = calendarDate(year, Number(mm), Number(dd));
  return birthDate ? { cpr: `${dd}${mm}${yy}${sequence}`, birthDate } : null;
}

/**
 * CPR-kontoret's century rule: the 7th digit (first of the sequence number)
 * together with the two-digit year decides the century.
 */
function birthYear(yy: number, seventhDigit: number): number {
  if (seventhDigit <= 3) return 1900 + yy;
  if (seventhDigit === 4 || seventhDigit === 9) return (yy <= 36 ? 2000 : 1900) + yy;
  return (yy <= 57 ? 2000 : 1800) + yy;
}

/** The date at UTC midnight, or null when it does not exist (31 April, 29 February 1900). */
function calendarDate(year: number, month: number, day: number): Date | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  const exists = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return exists ? date : null;
}

/** The 7th digits that, by the century rule, place a birth in `year`. */
function seventhDigitsFor(year: number): number[] {
  return [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((digit) => birthYear(year % 100, digit) === year);
}

/**
 * A CPR for demo and test data. `serial` counts the sequence numbers valid for the
 * birth date (0, 1, 2, …), so distinct serials on one date give distinct CPRs;
 * there are 4,000–6,000 per date depending on the century.
 */
export function syntheticCpr(birthDate: Date, serial: number): string {
  const year = birthDate.getUTCFullYear();
  const digits = seventhDigitsFor(year);
  if (!Number.isInteger(serial) || serial < 0 || serial >= digits.length * 1000) {
    throw new RangeError(`No CPR sequence number ${serial} for a birth in ${year}`);
  }
  const seventh = digits[Math.floor(serial / 1000)]!;
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  const ddmmyy = pad(birthDate.getUTCDate(), 2) + pad(birthDate.getUTCMonth() + 1, 2) + pad(year % 100, 2);
  return `${ddmmyy}${seventh}${pad(serial % 1000, 3)}`;
}
