// Starts `copydesk lsp` for Markdown and plain-text documents. Everything else (diagnostics as
// you type, quick fixes, "Disable RULE for this line", config reloads) is the server's.

import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;
let configWatcher: vscode.FileSystemWatcher | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // The server also asks for these events; clients that cannot be asked still send them.
  configWatcher = vscode.workspace.createFileSystemWatcher('**/{copydesk.toml,.copydesk.toml}');
  context.subscriptions.push(
    configWatcher,
    vscode.commands.registerCommand('copydesk.restart', restart),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('copydesk.path')) {
        await restart();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

/** The binary from the `copydesk.path` setting: a name on PATH, or a path (`~/` expanded). */
function binary(): string {
  const setting = vscode.workspace.getConfiguration('copydesk').get<string>('path')?.trim();
  if (!setting) {
    return 'copydesk';
  }
  if (setting === '~' || setting.startsWith('~/')) {
    return path.join(os.homedir(), setting.slice(1));
  }
  return setting;
}

async function start(): Promise<void> {
  const command = binary();
  const serverOptions: ServerOptions = {
    command,
    args: ['lsp'],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'untitled', language: 'plaintext' },
    ],
    synchronize: { fileEvents: configWatcher },
  };
  client = new LanguageClient('copydesk', 'copydesk', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    client = undefined;
    void vscode.window.showErrorMessage(
      `copydesk: could not start \`${command} lsp\` (${String(error)}). ` +
        'Install copydesk or set "copydesk.path" to the binary.',
    );
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop();
  }
}

async function restart(): Promise<void> {
  await stop();
  await start();
}
