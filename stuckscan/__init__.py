"""stuckscan: log forensics for OpenClaw gateway logs.

Data flows parser -> correlator -> classifier -> formatters:

- ``stuckscan.inputs`` reads files, gzip and stdin as numbered byte lines;
- ``stuckscan.parser`` turns each line into a typed :class:`~stuckscan.events.Event`
  using the line shapes in ``stuckscan.shapes`` and the message families in
  ``stuckscan.families`` (both described as data);
- the correlator, classifier and formatters build on those events.
"""

__version__ = "0.1.0"
