"""Old place of the file page (now ``files`` and ``base.file_view``).

integrator: delete this package once ``changes`` imports
``sirhp.policy.base.file_view.PersonnelFileView``.
"""
