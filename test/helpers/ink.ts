// For the Ink component tests beside their components (src/doc/ink): the text a terminal shows of one frame.
import {render} from 'ink-testing-library'
import type {ReactElement} from 'react'

export function frameOf(node: ReactElement): string {
  const {lastFrame, unmount} = render(node)
  const frame = (lastFrame() ?? '').replace(/\u001b\[[0-9;]*m/g, '')
  unmount()
  return frame
}
