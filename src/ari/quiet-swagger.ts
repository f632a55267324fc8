/**
 * swagger-client (inside ari-client) prints "This API is using a deprecated version of Swagger!"
 * with console.log on every connect (node-ari-client#3, open since 2014). Drop just that line.
 */
export async function quietSwagger<T>(work: () => Promise<T>): Promise<T> {
  const original = console.log;
  console.log = (...args: unknown[]) => {
    if (!String(args[0]).includes('deprecated version of Swagger')) original(...args);
  };
  try {
    return await work();
  } finally {
    console.log = original;
  }
}
