// How many threads the `mock-idp` command gives libuv's threadpool when UV_THREADPOOL_SIZE is not set: one per core,
// 2 to 16 (bin/mock-idp.js says why). Also what the bench gives its reference servers, so they sign on as many threads.
'use strict';
const { availableParallelism } = require('node:os');

module.exports = function threadpoolSize() {
  return Math.min(16, Math.max(2, availableParallelism()));
};
