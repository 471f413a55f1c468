// One-frame Ink rendering to a string (oclif's stdout mock and pipes cannot take Ink's live render()).
// Imported lazily by the commands: ink + react cost ~0.5 s to load, so only TTY output pays for them.
import {renderToString} from 'ink'
import {createElement} from 'react'
import type {Section} from '../owns-view.js'
import {Sections} from './Sections.js'

export function renderSectionsInk(title: string, sections: Section[], columns: number): string {
  return renderToString(createElement(Sections, {title, sections, width: columns}), {columns})
}
