"""The Slack face of Readout: a Bolt app over signed HTTP or Socket Mode."""
