"""Extension points of the membership lifecycle.

members is imported by governance, billing and network but imports none of them, so
what those apps must do when a membership ends they do by listening here.
"""

from django.dispatch import Signal

# Sent inside the transaction that ends a membership (R5), with keyword arguments
# `organisation`, `membership`, `ended_on` (date) and `by` (User or None). Receivers end
# what belongs to the organisation on that date (steering-group terms, working-group places).
membership_ended = Signal()

# Sent inside the transaction that activates a membership (R1, R3), with keyword arguments
# `organisation`, `membership`, `joined_on` (date) and `by` (User or None). billing listens to
# invoice a member that joins during a year whose dues run has already happened.
membership_activated = Signal()

# Sent after a notice of resignation is recorded (R5), with keyword arguments `organisation`,
# `membership`, `given_on`, `effective_on` (dates) and `by` (User or None).
notice_given = Signal()
