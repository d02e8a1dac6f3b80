"""Read: files, archives, saved pages and URLs into `Article`s (the first step of the flow).

`read` reads a file or fetched bytes (text shapes in `text`, HTML in `html*`, archives in
`jsonl`, encodings in `decode`); `fetch` gets URLs safely; `feeds` lists a feed's entries.
May import: the bot root (models, errors, config) only.
"""
