// A table as rows of formatted text: header, column alignment and cells with a tone. The views
// of every command build these; the terminal, Markdown and HTML renderers draw them.

/** How alarming a cell is; renderers with colour use it, others ignore it. */
export type Tone = 'plain' | 'warning' | 'danger';

export interface ViewCell {
  readonly text: string;
  readonly tone: Tone;
}

export type Alignment = 'left' | 'right';

export interface TableView {
  readonly header: readonly string[];
  readonly align: readonly Alignment[];
  readonly rows: readonly (readonly ViewCell[])[];
}
