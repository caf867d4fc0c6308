"""Shared pieces below every feature of sirhp.policy.

Features (``files``, ``changes``, ``badges``, ``documents``, ``audit``,
``login``...) import from here, never from each other's views; nothing here
imports a feature.

- ``views``: ``SirhpView`` (the base of every page), labels, dates,
  permission helpers;
- ``file_view``: ``PersonnelFileView``, the file page's class (the file page
  of ``files`` and the officer's "Mon dossier" build on it);
- ``i18n``: ``french(message)``, a message in the request's language for
  exception texts;
- ``localroles``: the one module that writes local roles;
- ``personnel_search``: the agency listing's filters and catalog query
  (the listing and its nominative lists run the same);
- ``exports``: workbooks, PDFs of tables under the agency header, the
  journaled attachment.
"""
