export { AccessLog, type AccessRecord, type ResponsePath } from './access-log';
export { recordedBeforeAnswer } from './recorded-before-answer';
export { AccessEventWriter } from './access-event-writer';
export { WrittenRecords } from './written-records';
export { createAccessLogLoader, mergeAccessLogs, MAX_ACCESS_LOG, type AccessEventView } from './reads';
export { matchesFilter, mergeAccessLogParts, readAccessLogPart, type AccessLogPart, type PositionedAccessEvent } from './page';
export {
  decodeLogCursor,
  encodeLogCursor,
  mintWindow,
  readWindow,
  type AccessLogFilter,
  type AccessLogPageReference,
  type AccessLogWindow,
  type LogPosition,
} from './window';
