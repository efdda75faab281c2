// Minify the blocks' own JS and CSS into legal_basics_xblock/public/min/, which is what learner pages load.
// The sources in public/ stay readable; public/min/manifest.json records the SHA-256 of each source so a test
// can tell when a minified file is stale (run `make assets`). Usage: node scripts/minify.mjs
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify as minifyJs } from 'terser';
import { minify as minifyCss } from 'csso';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'legal_basics_xblock', 'public');
const out = join(root, 'min');

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

async function minified(name, source) {
    if (name.endsWith('.css')) {
        return minifyCss(source, { restructure: false }).css + '\n';
    }
    // Global entry points (LegalQuizView…) keep their names: only local names are mangled.
    const result = await minifyJs(source, { compress: { passes: 2 }, mangle: true, format: { comments: false } });
    return result.code + '\n';
}

async function main() {
    mkdirSync(out, { recursive: true });
    const manifest = {};
    const names = readdirSync(root).filter((n) => /\.(js|css)$/.test(n)).sort();
    for (const name of names) {
        const source = readFileSync(join(root, name), 'utf8');
        const code = await minified(name, source);
        writeFileSync(join(out, name), code);
        manifest[name] = { source_sha256: sha256(source), source_bytes: Buffer.byteLength(source), bytes: Buffer.byteLength(code) };
        console.log(`${name}: ${Buffer.byteLength(source)} -> ${Buffer.byteLength(code)} bytes`);
    }
    writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}

main().catch((error) => { console.error(error); process.exit(1); });
