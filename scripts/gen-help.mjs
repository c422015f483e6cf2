// Writes dist/help.json: every help request's output, printed by the freshly built program through
// commander, for a stdout that is not a terminal. The bundle's main.js answers those requests from it
// (src/cli/help-snapshot.ts); tests/e2e/help-snapshot.test.ts checks each answer against commander.
import { writeFile } from 'node:fs/promises';
import { tsImport } from 'tsx/esm/api';

const DIST = new URL('../dist/', import.meta.url);

/** The arguments of every help request: the program's, each command's at any depth, and each topic. */
async function helpRequests() {
  const { commandRegistry } = await tsImport('../src/commands/index.ts', import.meta.url);
  const { allCommands, commandTree } = await tsImport('../src/cli/command-tree.ts', import.meta.url);
  const { HELP_TOPICS } = await tsImport('../src/cli/help-topics.ts', import.meta.url);
  const paths = [[], ...allCommands(commandTree(commandRegistry)).map((node) => node.path), ['help']];
  return [
    ...paths.flatMap((path) => [[...path, '--help'], [...path, '-h'], ['help', ...path]]),
    ...HELP_TOPICS.map((topic) => ['help', topic.name]),
  ];
}

function captured() {
  const stream = { text: '', isTTY: false, columns: undefined, write: (chunk) => (stream.text += chunk) };
  return stream;
}

export async function writeHelpSnapshot() {
  const { helpKey } = await tsImport('../src/cli/help-snapshot.ts', import.meta.url);
  const { runProgram } = await import(new URL('main.js', DIST).href);
  const texts = [];
  const answers = {};
  for (const argv of await helpRequests()) {
    const stdout = captured();
    const stderr = captured();
    const ctx = { io: { stdout, stderr }, env: {}, now: () => new Date(0), signal: new AbortController().signal };
    const code = await runProgram(argv, ctx);
    if (code !== 0 || stderr.text !== '' || stdout.text === '') {
      throw new Error(`gen-help: 'hproc ${argv.join(' ')}' is no help request (exit ${code}): ${stderr.text}`);
    }
    // With an escape sequence in it, the text would depend on the terminal and the colour variables.
    if (stdout.text.includes('\u001b')) throw new Error(`gen-help: 'hproc ${argv.join(' ')}' prints an escape sequence`);
    let index = texts.indexOf(stdout.text);
    if (index === -1) index = texts.push(stdout.text) - 1;
    answers[helpKey(argv)] = index;
  }
  await writeFile(new URL('help.json', DIST), JSON.stringify({ texts, answers }));
}
