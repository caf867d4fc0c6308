"""Leave and absences (congés): the type, its rules, its API, its REST
services. Workflow and pages: ``sirhp.policy.leave``."""
