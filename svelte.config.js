// Svelte's own settings, shared by Vite (renderer build), vitest (component
// tests) and svelte-check. The defaults suit the app; the file exists so each
// tool finds the same one.
export default {};
