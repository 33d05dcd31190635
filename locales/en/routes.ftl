## Individual learning route

route-status-draft = draft
route-status-submitted = awaiting the methodologist's approval
route-status-returned = sent back for changes
route-status-approved = approved
route-status-carried_out = carried out

step-status-planned = planned
step-status-in_progress = in progress
step-status-done = done
step-status-dropped = won't be done

route-none =
    <b>🧭 My route</b>

    Your individual learning route is built from your self-assessment: I'll suggest courses, internships, consultations and other steps for exactly the gaps you have.

    Take the self-assessment first — it takes about 10 minutes.
route-none-diagnosed =
    <b>🧭 My route</b>

    You have self-assessment results — I'll suggest route steps from them. You review them, delete what you don't need, add your own and send the route to your methodologist.
route-btn-build = 🧭 Build a route from my self-assessment
route-btn-diagnose = 📊 Take the self-assessment

route-built = { $count ->
    [0] There are no gaps that need work. Add steps of your own — for example, sharing your experience with colleagues.
    [one] I picked { $count } step for your gaps. Have a look: delete what you don't need, add your own.
   *[other] I picked { $count } steps for your gaps. Have a look: delete what you don't need, add your own.
}
route-built-no-gaps = You have no marked gaps, so I suggested one step: sharing your experience with colleagues. Have a look: delete what you don't need, add your own.
route-exists = This is your current route. You can build a new one once this one is carried out.
route-rebuilt = I rebuilt the route from your self-assessment.

route-title = <b>🧭 My route</b> · { $mark } { $status }
route-period = Period: { $start } — { $end }
route-goal = Goal: { $goal }
route-goal-missing = Goal: <i>not written yet</i>
route-progress = { $bar } { $percent }% · { $done } of { $total } done
route-methodist = Methodologist: { $name }
route-review-comment = 💬 Methodologist's comment: { $comment }
route-page = Page { $page } of { $pages }
route-no-steps = The route has no steps yet.
route-no-methodist = No methodologist has been assigned yet — they will see the route as soon as one is.

route-hint-draft = This is a draft: only you can see it. Open a step to delete it, or add your own. Write down the goal and send the route to your methodologist.
route-hint-submitted = The route is with your methodologist for approval. You can already work on the steps: open a step and mark it started or done.
route-hint-returned = The route came back from your methodologist with comments (💬). Adjust the steps and send it again.
route-hint-approved = The route is approved. Open a step to start it or to mark it done — with evidence.
route-hint-carried-out = 🏁 The route is carried out. Take the self-assessment again to see how your gaps changed.

route-effect-title = <b>What changed after the route</b>

route-step-line = { $number }. { $mark } <b>{ $title }</b>
    { "   " }{ $form } · { $start }–{ $end }
route-step-overdue = ⚠️ past due

route-btn-add = ➕ Add my own step
route-btn-goal = 🎯 Route goal
route-btn-submit = 📨 Send to the methodologist
route-btn-resubmit = 📨 Send again
route-btn-rebuild = 🔄 Rebuild from the self-assessment
route-btn-export = 📄 Download the document
route-btn-rediagnose = 📊 Take the self-assessment again
route-btn-new = 🧭 Build a new route
route-btn-cancel = ✖️ Cancel

route-not-yours = This is not your route.
route-stale = That button is out of date — here is the route as it is now.
route-step-gone = This step is no longer in the route.
route-full = The route already has 30 steps — no more will fit. Delete a step to add a new one.
route-need-text = Please write this as text. Or press “Cancel”.
route-use-buttons = Please choose with a button under the message.
route-carried-out =
    🎉 <b>Congratulations: the route is carried out!</b>

    Take the self-assessment again in a while — it will show how your gaps have changed.

## Step card

step-title = <b>{ $form }: { $title }</b>
step-status = Status: { $mark } { $status }
step-period = Dates: { $start } — { $end }
step-area = Area: { $area }
step-hours = Workload: { $hours } h
step-overdue = ⚠️ This step is past due. If you no longer need it, tap «✖️ I won't do it» and say why.
step-drop-reason = Reason: { $reason }
step-comment = 💬 Methodologist's comment: { $comment }
step-evidence-title = <b>Evidence:</b>

step-btn-start = ▶️ Start
step-btn-done = ✅ Done
step-btn-drop = ✖️ I won't do it
step-btn-restore = ↩️ Back to the plan
step-btn-reopen = ↩️ Back to work
step-btn-more-evidence = 📎 Add evidence
step-btn-show-evidence = 📂 Show the files
step-btn-remove = 🗑 Delete the step
step-btn-remove-yes = 🗑 Yes, delete the step
step-btn-remove-no = ⬅️ Keep it
step-btn-back = ⬅️ Back to the route

step-start-ok = Great, the step is in progress!
step-restore-ok = The step is back in the plan.
step-reopen-ok = The step is back in progress.
step-removed = 🗑 Step deleted.
step-drop-ok = ✖️ Done: the step stays in the route with the reason and no longer counts towards progress.
step-added = ✅ Step added to the route.

## Evidence

evidence-prompt =
    <b>{ $title }</b>

    Send evidence that the step is done: a photo, a document (a certificate, for example), a link, or a few words about what you did.
evidence-prompt-more =
    <b>{ $title }</b>

    Send one more piece of evidence: a photo, a document, a link or text.
evidence-wrong-type = That won't do. Send a photo, a document, a link, or write what you did as text.
evidence-text-short = Please write at least a few words about what you did.
evidence-text-long = That's too long — please keep it under 1000 characters. A long report is better sent as a file.
evidence-too-many = This step already has 10 pieces of evidence — that's enough.
evidence-saved-done = ✅ Done: the step is complete and the evidence is saved.
evidence-saved = 📎 Evidence added.
evidence-photo = Photo
evidence-document = Document: { $name }
evidence-link = Link: { $link }
evidence-text = Report: { $text }

## Deleting a step or not doing it

step-drop-or-remove =
    ✖️ <b>I won't do it</b> — the step stays in the route with the reason; your methodologist will see it.
    🗑 <b>Delete the step</b> — if it got into the route by mistake.
step-remove-prompt =
    <b>{ $title }</b>

    Delete this step from the route? It will be gone completely — this is for a step added by mistake.
step-remove-prompt-workable =
    <b>{ $title }</b>

    Delete this step from the route? It will be gone completely — this is for a step added by mistake.

    If you simply can't do the step, better tap «✖️ I won't do it»: it stays in the route's history with the reason.

drop-prompt =
    <b>{ $title }</b>

    Why won't you do this step? Choose or write in your own words. The step stays in the route with this reason.
drop-reason-time = Not enough time
drop-reason-outdated = No longer relevant
drop-reason-replaced = Replaced with another step
drop-reason-long = Please make the reason shorter — up to 300 characters.

## Route goal

goal-prompt = 🎯 Write the goal of your route in your own words — one sentence. For example: “Learn to use digital resources in maths lessons”.
goal-suggestion = Or take this one: “{ $goal }”
goal-current = Now: “{ $goal }”
goal-suggested = Close my professional gaps in: { $areas }
goal-btn-suggested = 👍 Take the suggested one
goal-short = That's too short — write the goal in a few words at least.
goal-long = That's too long — please keep it under 300 characters.
goal-saved = 🎯 Goal saved.

## A step of your own

add-form-prompt = ➕ <b>New step</b>

    What will it be?
add-title-prompt = <b>{ $form }</b>

    Write what exactly: the name of the course, the topic of the consultation, where the internship is.
add-title-short = That's too short — write the name of the step.
add-title-long = That's too long — please keep it under 200 characters.
add-area-prompt = Which gap does this step work on?
add-area-none = Other / no area
add-term-prompt = When do you plan to do it? The route runs until { $end }.
add-term-1 = Within a month
add-term-3 = Within three months
add-term-0 = By the end of the route
add-note-prompt = Add a description or a link — or press “Skip”.
add-note-skip = Skip
add-note-long = That's too long — please keep it under 800 characters.

## Sending to the methodologist

submit-need-goal = Write down the goal of the route before sending it.
submit-need-steps = The route has no steps — add at least one.
submit-ok = 📨 The route was sent to your methodologist: { $name }. I'll let you know when they answer.
submit-ok-nobody = 📨 The route is saved and waiting for a methodologist: none has been assigned to you yet. You can already work on the steps.

export-wait = Preparing the document…
export-caption = 📄 Individual learning route — for the school's files.

## Notifications

notice-btn-open = Open the route
notice-btn-route = 🧭 My route
notice-submitted = 📨 A learning route for approval from teacher { $name }.
notice-resubmitted = 📨 A revised route from teacher { $name }.
notice-returned = ↩️ Your route came back with comments. Methodologist: { $name }. Have a look at the comments and adjust the steps.
notice-approved = ✅ Your route is approved. Methodologist: { $name }. Good luck!
notice-carried-out = 🏁 { $name }: route carried out.
notice-assigned = 🧑‍🏫 A teacher has been assigned to you: { $name }. Their card is under “My teachers”.

## Methodologist

mt-teachers-title = <b>🧑‍🏫 My teachers</b> ({ $count })
mt-teachers-empty =
    <b>🧑‍🏫 My teachers</b>

    No teachers are assigned to you yet. They will appear here when they send a route or when the methodological service assigns them to you.
mt-teachers-summary = Awaiting approval: { $waiting } · with overdue steps: { $overdue }
mt-teachers-legend = ⚠️ overdue step · 📨 waiting for you · ✅ approved · ↩️ being revised · 🏁 carried out
mt-no-route = no route
mt-state-draft = draft
mt-state-submitted = waiting for you
mt-state-returned = being revised
mt-state-approved = approved
mt-state-carried_out = carried out
mt-no-route-yet = There is no route yet, or it is still a draft.
mt-btn-shared = 👁 Shared their self-assessment with me ({ $count })
mt-teacher-name = <b>{ $name }</b>
mt-teacher-place = { $school }, { $municipality }
mt-teacher-subjects = Subjects: { $subjects }
mt-teacher-young = 🌱 Young specialist

review-title = <b>🧭 The teacher's route</b> · { $mark } { $status }
review-hint = Open a step to comment on it. Then approve the route or send it back for changes.
review-btn-approve = ✅ Approve the route
review-btn-return = ↩️ Send back for changes
review-btn-return-now = ↩️ Send back without a general comment
review-btn-comment = 💬 Comment on the step
review-btn-uncomment = 🧹 Remove the comment
review-btn-results = 📊 Self-assessment results
review-btn-teachers = ⬅️ My teachers
review-not-yours = This route is not available to you: the teacher is assigned to another methodologist.
review-comment-prompt = 💬 Write a comment on the step “{ $title }” — what to change or what to pay attention to.
review-comment-long = That's too long — please keep it under { $max } characters.
review-comment-saved = 💬 Comment saved. The teacher will see it when you send the route back.
review-return-prompt = { $count ->
    [0] Write to the teacher what to change in the route.
   *[other] Comments on steps: { $count }. Write a general comment, or send it back without one.
}
review-return-empty = Write what to change — without a comment the teacher won't know what to fix.
review-returned = ↩️ The route was sent back to the teacher. I'll tell you when the revised one arrives.
review-approved = ✅ The route is approved; the teacher has been notified.

## Assigning methodologists (for the methodological service)

mts-title = <b>🗂 Assigning methodologists</b>
mts-none = There are no methodologists yet. Invite them under “Roles and invitations”.
mts-region = whole region
mts-line = • { $name } ({ $scope }) — teachers: { $load } of ~{ $norm }
mts-unassigned = Teachers without a methodologist: { $count }
mts-btn-auto = ⚙️ Assign automatically ({ $count })
mts-btn-assign = ➕ Assign a teacher to a methodologist
mts-auto-done = { $count ->
    [0] Nobody to assign: no suitable methodologist (of the same municipality or regional) was found.
    [one] Done: { $count } teacher assigned to a methodologist — by municipality and subject.
   *[other] Done: { $count } teachers assigned to methodologists — by municipality and subject.
}
mts-search-prompt = Type the teacher's surname (part of it is fine).
mts-search-found = Found: { $count }. Choose a teacher or type more precisely.
mts-search-nothing = Nobody found. Try differently — for example, the surname only.
mts-pick = Which methodologist should accompany { $teacher }?
mts-current = Now: { $name }
mts-pick-none = There are no methodologists for this municipality.
mts-assigned = ✅ { $teacher } is now with methodologist { $methodist }.
mts-not-in-scope = You cannot assign this teacher or methodologist.

## Reminders

reminder-title = ⏰ <b>A reminder about your route</b>
reminder-near = • “{ $title }” — due by { $end }
reminder-overdue = • “{ $title }” — was due { $end }
reminder-hint = Open the step: mark what is done, with evidence — or tap «✖️ I won't do it» if you no longer need it.

## Document

doc-approval-value = { $name }, { $date }
doc-experience-value = { $years ->
    [one] { $years } year
   *[other] { $years } years
}
doc-progress-value = { $done } of { $total } ({ $percent }%)
