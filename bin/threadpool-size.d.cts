/** How many threads the `mock-idp` command gives libuv's threadpool when UV_THREADPOOL_SIZE is not set: one per core, 2 to 16. */
declare function threadpoolSize(): number;
export = threadpoolSize;
