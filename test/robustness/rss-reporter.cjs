// Preloaded with `node -r`: at exit, writes the process's peak resident set
// size (kilobytes) and its run time (ms) to $KUBEWARD_RSS_FILE, as JSON.
const fs = require('node:fs');

const started = process.hrtime.bigint();
process.on('exit', () => {
  const file = process.env.KUBEWARD_RSS_FILE;
  if (!file) return;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  fs.writeFileSync(file, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, ms }));
});
