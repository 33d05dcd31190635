## What changed in the route since it was returned (for the methodologist)

changes-title = <b>🔄 What changed since you returned it:</b>
changes-none = 🔄 Nothing changed since you returned it: the route was sent again as it was.
changes-goal = 🎯 New goal: «{ $goal }»
changes-added = ➕ New step: «{ $title }» ({ $form }, { $dates })
changes-removed = 🗑 Step deleted: «{ $title }»
changes-step = { $mark } «{ $title }»: { $what }
changes-part-renamed = renamed (was «{ $before }»)
changes-part-form = form «{ $before }» → «{ $after }»
changes-part-dates = dates { $before } → { $after }
changes-part-status = now { $status }
changes-part-dropped = won't be done — { $reason }
changes-part-evidence = { $count ->
    [one] { $count } new piece of evidence
   *[other] { $count } new pieces of evidence
}
changes-no-dates = no dates
changes-more = { $count ->
    [one] …and { $count } more change — see the route for everything.
   *[other] …and { $count } more changes — see the route for everything.
}
