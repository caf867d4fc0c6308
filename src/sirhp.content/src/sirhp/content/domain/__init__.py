"""Pure domain rules of SIRHP: no Zope import here, unit-tested on their own."""
