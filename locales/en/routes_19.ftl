## What changed in the route since it was returned (for the methodologist)

changes-title = <b>🔄 What changed since you returned it:</b>
changes-none = 🔄 Nothing changed since you returned it: the route was sent again as it was.
changes-goal = 🎯 New goal: «{ $goal }»
changes-added = ➕ New step: «{ $title }» ({ $form }, { $dates })
changes-removed = 🗑 Step deleted: «{ $title }»
changes-renamed = ✏️ «{ $before }» is now called «{ $after }»
changes-form = 🔁 «{ $title }»: form «{ $before }» → «{ $after }»
changes-dates = 📅 «{ $title }»: dates { $before } → { $after }
changes-status = { $mark } «{ $title }»: now { $status }
changes-dropped = ✖️ «{ $title }»: won't be done — { $reason }
changes-evidence = 📎 «{ $title }»: { $count ->
    [one] { $count } new piece of evidence
   *[other] { $count } new pieces of evidence
}
changes-no-dates = no dates
changes-more = { $count ->
    [one] …and { $count } more change — see the route for everything.
   *[other] …and { $count } more changes — see the route for everything.
}
