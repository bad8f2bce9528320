"""Functions that change the bulletin's state. Views, the admin, tasks and commands call them."""
