// Ink rendering of sections (the same data the plain-text renderer prints): a bordered title, then each
// section with its rows, values coloured by tone, sources dimmed.
import {Box, Text} from 'ink'
import type {Row, Section, Tone} from '../owns-view.js'

const COLOUR: Record<Tone, string | undefined> = {
  normal: undefined,
  good: 'green',
  warn: 'yellow',
  bad: 'red',
  dim: 'gray',
}

function StackedRow({row}: {row: Row}) {
  return (
    <Box flexDirection="column">
      <Text bold color={COLOUR[row.tone ?? 'normal']}>
        {row.label}
      </Text>
      <Box paddingLeft={2}>
        <Text>{row.value}</Text>
      </Box>
      {row.note ? (
        <Box paddingLeft={4}>
          <Text dimColor>{row.note}</Text>
        </Box>
      ) : null}
    </Box>
  )
}

function RowView({row, labelWidth}: {row: Row; labelWidth: number}) {
  return (
    <Box flexDirection="column">
      <Box>
        <Box width={labelWidth} flexShrink={0}>
          <Text>{row.label}</Text>
        </Box>
        <Text color={COLOUR[row.tone ?? 'normal']} bold={row.tone === 'good' || row.tone === 'bad'}>
          {row.value}
        </Text>
      </Box>
      {row.note ? (
        <Box paddingLeft={labelWidth + 2}>
          <Text dimColor>{row.note}</Text>
        </Box>
      ) : null}
      {row.source ? (
        <Box paddingLeft={labelWidth + 2}>
          <Text color="gray">from {row.source}</Text>
        </Box>
      ) : null}
    </Box>
  )
}

export function Sections({title, sections, width}: {title: string; sections: Section[]; width: number}) {
  const labelWidth = Math.min(
    22,
    Math.max(0, ...sections.flatMap((s) => (s.layout === 'stacked' ? [] : s.rows.map((r) => r.label.length)))) + 2,
  )
  return (
    <Box flexDirection="column" width={width}>
      <Box borderStyle="round" paddingX={1}>
        <Text bold>{title}</Text>
      </Box>
      {sections.map((s) => (
        <Box key={s.title} flexDirection="column" marginTop={1}>
          <Text bold color="cyan">
            {s.title}
          </Text>
          <Box flexDirection="column" paddingLeft={2}>
            {s.rows.map((r, i) =>
              s.layout === 'stacked' ? (
                <StackedRow key={`${r.label}-${i}`} row={r} />
              ) : (
                <RowView key={`${r.label}-${i}`} row={r} labelWidth={labelWidth} />
              ),
            )}
          </Box>
        </Box>
      ))}
    </Box>
  )
}
