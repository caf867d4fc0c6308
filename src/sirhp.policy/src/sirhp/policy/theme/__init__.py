"""SIRHP's own screens: identity header, navigation per role, footer, the
action bar that replaces the toolbar for staff, the CMS actions kept for
administrators."""
