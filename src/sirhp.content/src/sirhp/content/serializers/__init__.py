"""plone.restapi (de)serializer adapters of SIRHP types."""
