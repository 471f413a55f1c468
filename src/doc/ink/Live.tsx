// A document that changes: the live screen of `guestview watch`. The feed (the sampling loop) pushes a new
// Doc every interval; this component keeps the latest one in state and redraws it in place, and takes the
// keys: q or Ctrl-C quits (Ink then restores the terminal: raw mode off, cursor shown), p pauses and
// resumes. The feed decides what a paused screen says; this component only passes the key on.
import {useApp, useInput} from 'ink'
import {useEffect, useState} from 'react'
import type {Doc} from '../blocks.js'
import {DocView} from './DocView.js'

export type LiveFeed = {
  /** Called with each new document; returns the unsubscribe function. `end` stops the screen. */
  subscribe(show: (doc: Doc) => void, end: () => void): () => void
  togglePause(): void
  quit(): void
}

export function Live({feed, first, width}: {feed: LiveFeed; first: Doc; width: number}) {
  const {exit} = useApp()
  const [doc, setDoc] = useState(first)
  useInput((input, key) => {
    if (input === 'q' || (key.ctrl && input === 'c')) {
      feed.quit()
      exit()
    } else if (input === 'p') feed.togglePause()
  })
  useEffect(() => feed.subscribe(setDoc, () => exit()), [feed, exit])
  return <DocView doc={doc} width={width} />
}
