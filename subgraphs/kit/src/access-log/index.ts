export { AccessLog, type AccessRecord } from './access-log';
export { createAccessLogLoader, mergeAccessLogs, MAX_ACCESS_LOG, type AccessEventView } from './reads';
