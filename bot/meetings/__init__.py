"""Meeting identity, as pure rules over what `analysis` found: whether two reports are of one
meeting and two sentences one statement (`merge`), and whose readout a report is when no outlet
says (`sides`). The store applies these rules inside its transactions (`bot.store.placing`).

May import: the bot root and `bot.registry`.
"""
