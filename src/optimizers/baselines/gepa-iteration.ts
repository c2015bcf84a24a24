/** One GEPA iteration as logged in the method's details (`details.log`); declared with the details. */
export type { GepaIteration } from '../framework/method-details.js';
