export { AccessLog, type AccessRecord } from './access-log';
export { WrittenRecords } from './written-records';
export { createAccessLogLoader, mergeAccessLogs, MAX_ACCESS_LOG, type AccessEventView } from './reads';
