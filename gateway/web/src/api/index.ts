/**
 * Every call the web app makes, typed: one module per service (account, scheduling, rooms, vod; uploads for
 * recordings), each with strict decoders (decode.ts) that contract.test.ts checks against the services' OpenAPI.
 * Pages import from here.
 */
export { ApiError, errorMessage } from './problem';
export { bearerToken, currentSession, hadSession, onSession, refreshSession, restoreSession, settledSession, type Session } from './http';
export { DecodeError } from './decode';
export * from './account';
export * from './scheduling';
export * from './rooms';
export * from './vod';
