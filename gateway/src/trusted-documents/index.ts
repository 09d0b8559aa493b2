export * from './trusted-documents';
export * from './trusted-documents-only';
