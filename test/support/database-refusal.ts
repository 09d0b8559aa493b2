/** What the database said when it refused a statement (a trigger's message, say), or 'accepted'. */
export async function databaseRefusal(statement: Promise<unknown>): Promise<string> {
  try {
    await statement;
  } catch (error) {
    const cause = (error as { meta?: { driverAdapterError?: { cause?: { message?: string } } } }).meta?.driverAdapterError?.cause;
    return cause?.message ?? String(error);
  }
  return 'accepted';
}
