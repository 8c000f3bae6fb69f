/**
 * An editor with a full client provider and a full Y.Doc: it applies everyone's updates, types at
 * a caret that follows remote edits (a relative position, as editors keep it), and shares the caret
 * in awareness. Used where the load is small enough for real providers (newsroom, hot story, memory).
 */
import * as Y from 'yjs';
import type { Endpoint } from '../servers/types';
import type { LatencyProbe } from './LatencyProbe';
import { openProvider, type ProviderClient } from './ProviderClient';
import { caretColour, type StoryEditor } from './StoryEditor';
import { bodyText, prepareStory } from './story';
import { keystroke } from './typing';

/** A real provider typing into a story. */
export class ProviderEditor implements StoryEditor {
  readonly client: ProviderClient;
  readonly ready: Promise<void>;
  private caret: Y.RelativePosition | null = null;

  constructor(
    endpoint: Endpoint,
    story: string,
    private readonly probe: LatencyProbe,
    /** How many other editors each edit must reach. */
    private readonly receivers: number,
    n: number,
  ) {
    this.client = openProvider(endpoint, story);
    this.client.awareness.setLocalStateField('user', { name: `Reporter ${n}`, color: caretColour(n) });
    this.ready = this.client.synced;
    this.client.doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.local) return;
      const now = performance.now();
      for (const [client, after] of tr.afterState) {
        const before = tr.beforeState.get(client) ?? 0;
        if (after > before) this.probe.arrived(client, before, after, now);
      }
    });
  }

  async prepare(headline: string): Promise<void> {
    if (prepareStory(this.client.doc, headline)) await this.client.serverHasAll();
  }

  listen(): void {
    // Arrivals are matched from the first one; only edits recorded while measuring count.
  }

  edit(): void {
    const doc = this.client.doc;
    const text = bodyText(doc);
    const at = this.caret ? (Y.createAbsolutePositionFromRelativePosition(this.caret, doc)?.index ?? text.length) : Math.floor(Math.random() * (text.length + 1));
    this.probe.recordEdit(doc.clientID, Y.getState(doc.store, doc.clientID), this.receivers);
    const after = keystroke(text, at);
    this.caret = Y.createRelativePositionFromTypeIndex(text, after);
    const position = Y.relativePositionToJSON(this.caret);
    this.client.awareness.setLocalStateField('cursor', { anchor: position, head: position });
  }

  close(): void {
    this.client.destroy();
  }
}
