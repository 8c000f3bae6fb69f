/**
 * What the server says about one open story (state, access, actions, checklist, bylines, the audit
 * log), kept live: the page watches the story over the newsroom socket and applies `article:state`
 * and `article:access` at once, then refetches the details that changed with them.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ArticleDetail, AuditEntry, Me } from '../../../shared/api';
import { availableActions, type Access } from '../../../shared/workflow';
import { getArticle, listEvents } from '../api/articles';
import { ApiRequestError } from '../api/http';
import { openNewsroomSocket, useNewsroomConnect, useNewsroomEvent } from '../realtime/newsroomSocket';

/** Why the story cannot be shown, from the REST answer. */
export type StoryProblem = 'not-found' | 'forbidden';

/** One story's server-side facts. */
export interface StoryModel {
  detail: ArticleDetail | null;
  /** The viewer's access now (from the details, or until they arrive from the watch), or null until known. */
  access: Access | null;
  /** The details could not be loaded (offline, or a server error); the editors still work. */
  unavailable: boolean;
  problem: StoryProblem | null;
  events: AuditEntry[] | null;
  /** Refetch the details (after a step, when the panel opens, as the text changes). */
  refresh: () => void;
  refreshEvents: () => void;
  /** Take a detail the server just answered with (PATCH, bylines). */
  replace: (detail: ArticleDetail) => void;
}

/** The story's details and audit log, live. */
export function useStory(articleId: string, me: Me): StoryModel {
  const [detail, setDetail] = useState<ArticleDetail | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const [problem, setProblem] = useState<StoryProblem | null>(null);
  const [events, setEvents] = useState<AuditEntry[] | null>(null);
  // The watch's answer names the viewer's access, often before the details arrive (they carry the
  // checklist, which takes the server longer): the editors may open on it rather than wait.
  const [watchedAccess, setWatchedAccess] = useState<Access | null>(null);
  const detailRequest = useRef<AbortController | null>(null);
  const eventsRequest = useRef<AbortController | null>(null);

  const refresh = useCallback(() => {
    // The latest question wins: an older answer must not undo a newer state change.
    detailRequest.current?.abort();
    const controller = new AbortController();
    detailRequest.current = controller;
    getArticle(articleId, controller.signal).then(
      (d) => {
        if (controller.signal.aborted) return;
        setDetail(d);
        setUnavailable(false);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiRequestError && error.status === 404) setProblem('not-found');
        else if (error instanceof ApiRequestError && error.status === 403) setProblem('forbidden');
        else setUnavailable(true);
      },
    );
  }, [articleId]);

  const refreshEvents = useCallback(() => {
    eventsRequest.current?.abort();
    const controller = new AbortController();
    eventsRequest.current = controller;
    listEvents(articleId, controller.signal).then(
      (e) => {
        if (!controller.signal.aborted) setEvents(e);
      },
      () => {
        // The history keeps what it had; it is refreshed with the next state change.
      },
    );
  }, [articleId]);

  useEffect(() => {
    refresh();
    refreshEvents();
    return () => {
      detailRequest.current?.abort();
      eventsRequest.current?.abort();
    };
  }, [refresh, refreshEvents]);

  // Watch the story for as long as the page shows it; rooms are lost with the connection, so watch
  // again on every reconnection. Once the watch is in place, fetch again: a step taken between the
  // first fetch and the watch (or while disconnected) sent its event before this socket could hear it.
  useNewsroomConnect((socket) => {
    socket.emit('article:watch', articleId, (reply) => {
      if (!reply.ok) return;
      setWatchedAccess(reply.access);
      setDetail((d) => (d && d.access !== reply.access ? { ...d, access: reply.access } : d));
      refresh();
      refreshEvents();
    });
  });
  useEffect(() => () => void openNewsroomSocket()?.emit('article:unwatch', articleId), [articleId]);

  useNewsroomEvent('article:state', (change) => {
    if (change.articleId !== articleId) return;
    setWatchedAccess(change.access);
    // Apply the new state and access at once (the editors lock before any refetch), with the actions
    // the shared workflow table gives; the refetch then brings the checklist and the rest.
    setDetail((d) => {
      if (!d) return d;
      const isAuthor = d.authors.some((a) => a.id === me.id);
      return { ...d, state: change.state, access: change.access, actions: availableActions(me.role, isAuthor, change.state) };
    });
    setEvents((e) => (e && !e.some((x) => x.id === change.event.id) ? [...e, change.event] : e));
    refresh();
    refreshEvents();
  });

  useNewsroomEvent('article:access', (change) => {
    if (change.articleId !== articleId) return;
    setWatchedAccess(change.access);
    setDetail((d) => (d ? { ...d, access: change.access } : d));
    refresh();
  });

  const replace = useCallback((d: ArticleDetail) => {
    detailRequest.current?.abort();
    setDetail(d);
  }, []);

  return { detail, access: detail?.access ?? watchedAccess, unavailable, problem, events, refresh, refreshEvents, replace };
}
