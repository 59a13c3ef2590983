/** The running config: loaded once at start, reloaded on change, never replaced by a bad file. */
import { watch, readFileSync, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { ConfigError } from './errors';
import { configFromText, loadConfigFile, readConfigText } from './load';
import type { TallyConfig } from './schema';

export interface ConfigStoreOptions {
  /** Called with the reason a reload was refused (the last good config stays in force). */
  onError?: (error: ConfigError | Error) => void;
  /** Called with the new config after a reload that succeeded. */
  onChange?: (config: TallyConfig) => void;
  /** Quiet time after the last file event before reloading, ms (default 200). */
  debounceMs?: number;
}

export type ReloadResult = { ok: true } | { ok: false; error: ConfigError | Error };

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Holds the config of the file at `path` (undefined: no TALLY_CONFIG, the defaults forever).
 * The constructor loads it and THROWS when that first load fails: Tally refuses to start on a
 * missing or invalid config rather than run on defaults the operator did not choose. Later
 * reloads that fail are refused: `current()` keeps returning the last good config.
 */
export class ConfigStore {
  private config: TallyConfig;
  private lastText: string | undefined;
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;

  private readonly path: string | undefined;
  private readonly options: ConfigStoreOptions;

  constructor(path: string | undefined, options: ConfigStoreOptions = {}) {
    this.path = path;
    this.options = options;
    if (path === undefined) {
      this.config = loadConfigFile(undefined);
    } else {
      this.lastText = readConfigText(path);
      this.config = configFromText(this.lastText, path);
    }
  }

  /** The config in force: the last one that loaded without errors. */
  current(): TallyConfig {
    return this.config;
  }

  /**
   * Reads the file again. Valid: it becomes current (and `onChange` is called). Invalid or
   * unreadable: refused, `onError` is called and the last good config stays current.
   */
  reload(): ReloadResult {
    if (this.path === undefined) return { ok: true };
    try {
      this.lastText = undefined; // unreadable: any later event that finds the file reloads
      const text = readConfigText(this.path);
      this.lastText = text;
      this.config = configFromText(text, this.path);
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      this.options.onError?.(error);
      return { ok: false, error };
    }
    this.options.onChange?.(this.config);
    return { ok: true };
  }

  /**
   * Reloads when the file changes, debounced. Watches the file's directory rather than the
   * file, so editors that save by renaming and Kubernetes ConfigMap mounts (a symlink swap)
   * are seen too; an event that leaves the file's text as it was does not reload. Does not keep
   * the process alive. No-op without a path or when already watching.
   */
  watch(): void {
    if (this.path === undefined || this.watcher) return;
    const path = this.path;
    const debounceMs = this.options.debounceMs ?? 200;
    this.watcher = watch(dirname(path), { persistent: false }, (_event, fileName) => {
      // ConfigMap mounts change `..data`, not the file's name: any event may be ours.
      if (fileName !== null && fileName !== basename(path) && !fileName.startsWith('..')) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (readOrUndefined(path) !== this.lastText) this.reload();
      }, debounceMs);
      this.timer.unref();
    });
    this.watcher.on('error', (error) => this.options.onError?.(error));
  }

  /** Stops watching (a pending reload is dropped). Safe to call more than once. */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.watcher?.close();
    this.watcher = undefined;
  }
}
