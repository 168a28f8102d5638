// The generated API client (test/support/generated) names fetch's `BodyInit`, a DOM type;
// Node's fetch has the same one in undici-types. Declared here rather than pulling the DOM
// lib into a Node program.
import type { BodyInit as UndiciBodyInit } from 'undici-types';

declare global {
  type BodyInit = UndiciBodyInit;
}
