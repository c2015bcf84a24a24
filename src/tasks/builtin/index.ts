// Importing this module registers every built-in task (each file under builtin/ registers itself).
// Add an import line here for each new built-in task module.
export {};
