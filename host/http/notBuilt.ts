// Shown instead of the app when the renderer has not been built yet, so
// `npm run serve` on a fresh clone says what to do rather than 404.
export const NOT_BUILT_HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Rackhive: renderer not built</title></head>
<body>
<h1>Rackhive is running, but its user interface is not built yet</h1>
<p>Run <code>npm run build:renderer</code> in the project folder, then reload this page.</p>
</body>
</html>
`;
