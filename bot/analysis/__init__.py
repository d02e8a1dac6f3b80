"""Analyse one article, with no store: split -> find people -> attribute -> date the meeting ->
tag themes.

`sentences` splits paragraphs; `names` and `mentions` find people and their sides; `clauses`
finds reporting clauses; `attribution` gives each sentence a speaker and the rule that decided;
`dates` and `meeting_facts` read the event's date, format, place, occasion and participants;
`themes` tags statements from the TOML taxonomy (`data/themes.toml`, extended by
`READOUT_THEMES`). May import: the bot root (models, errors, config) and `bot.registry`.
"""
