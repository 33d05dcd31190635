# The bank of effective practices: reading, search, offering one's own practice (part 10).

menu-practices = 📚 Practice bank
menu-about-practices = colleagues' practices from the region: search by words, subject, grade and form; you can offer your own here too.

pb-home = { $teaches ->
    [true] 📚 <b>Bank of effective practices</b>

    Practices of the region's teachers that passed the experts' review. Search by words or browse the newest. You can offer your own practice: once reviewed, it appears in the bank and counts in your route (ИОМ).
   *[other] 📚 <b>Bank of effective practices</b>

    Practices of the region's teachers that passed the experts' review. Search by words or browse the newest.
}
pb-btn-find = 🔎 Find a practice
pb-btn-newest = 🆕 Newest practices
pb-btn-new = ➕ Offer your practice
pb-btn-mine = 🗂 My practices
pb-btn-bank = ⬅️ To the practice bank
pb-find-prompt = 🔎 Write a few words about what you are looking for, e.g. "project work in biology lessons". Any word form will do.
pb-words-none = Write at least one word, in letters or digits.
pb-words-long = The query is too long: keep it under { $max } characters.
pb-filter-words = "{ $words }"
pb-list-found = Practices found: { $count } (page { $page } of { $pages }).
    Narrowed by: { $filters }
pb-list-empty = Nothing found yet. Narrowed by: { $filters }
    Try other words or clear the filters.
pb-list-line = { $number }. <b>{ $title }</b>
    { $author } · { $details }
pb-author-unknown = author not given
pb-any = any
pb-btn-filter-subject = Subject: { $value }
pb-btn-filter-grade = Grade: { $value }
pb-btn-filter-form = Form: { $value }
pb-btn-filters-clear = 🧹 Clear filters
pb-btn-other-words = 🔎 Other words
pb-filter-subject = Choose a subject:
pb-filter-grade = Choose a grade:
pb-filter-form = Choose the form of the practice:
pb-preschool = preschoolers
pb-grades-value = { $count ->
    [one] grade { $grades }
   *[other] grades { $grades }
}

pb-form-lesson = lesson
pb-form-extracurricular = extracurricular class
pb-form-project = project
pb-form-upbringing = upbringing event
pb-form-methodical = methodological material
pb-form-other = other

pb-status-draft = draft
pb-status-submitted = sent for review
pb-status-in_review = with the experts
pb-status-returned = returned for revision
pb-status-published = published in the bank
pb-status-declined = not accepted
pb-icon-draft = ✏️
pb-icon-submitted = 📤
pb-icon-in_review = 🔍
pb-icon-returned = ↩️
pb-icon-published = ✅
pb-icon-declined = ✖️

pb-untitled = (untitled)
pb-card-title = 📚 <b>{ $title }</b>
pb-card-author = Author: { $name }
pb-card-status = Status: { $status }
pb-card-subjects = Subjects: { $value }
pb-card-grades = Grades: { $value }
pb-card-form = Form: { $value }
pb-card-no-description = No description yet.
pb-card-links = Links:
pb-card-files = { $count ->
    [one] { $count } file attached.
   *[other] { $count } files attached.
}
pb-card-comments = 💬 The experts' comments:
pb-card-returned-no-comments = The experts returned the practice without comments: look through it once more and send it again.
pb-btn-files = 📎 Files ({ $count })
pb-btn-continue = ▶️ Continue
pb-btn-revise = ✏️ Revise
pb-btn-drop = 🗑 Delete the draft
pb-no-files = This practice has no files.
pb-file-caption = "{ $title }", file { $number } of { $count }
pb-gone = This practice does not exist or is not available.
pb-not-editable = This practice cannot be changed now: it is with the experts or in the bank.
pb-stale = This button is out of date — nothing changed.

pb-mine = 🗂 <b>My practices</b> ({ $count })
pb-mine-line = • { $title } — { $status }
pb-mine-empty = 🗂 You have no practices yet. Offer yours — I will guide you step by step, and the draft is kept even if you stop halfway.

pb-ask-title = ➕ <b>New practice</b>

    What is your practice called? Write the title — { $min } to { $max } characters.
pb-title-short = The title is too short: at least { $count } characters, please.
pb-title-long = The title is long ({ $number } characters) and { $count } fit. Please shorten it: the details go into the description.
pb-ask-subjects = Which subjects is the practice for? Your subjects are marked already — untick or add, then press "Done".
pb-need-subject = Mark at least one subject.
pb-ask-grades = Which grades is the practice for? Mark all that fit, then press "Done".
pb-need-grade = Mark at least one grade.
pb-btn-done = ✅ Done
pb-ask-form = What form of work is it?
pb-ask-description = Tell about the practice in your own words: its idea, how you carry it out and what it gives students. { $min } to { $max } characters, in one message.
pb-description-short = A bit short ({ $number } of at least { $count } characters): the experts need to see the idea. Add a couple of sentences on how it goes and what comes of it.
pb-description-long = The description is long: { $number } characters, and { $count } fit. Shorten it and attach the full text as a file at the next step.
pb-ask-files = 📎 Attach materials: documents or photos, up to { $max }, one per message. Attached: { $count }. No files? Press "Skip".
pb-file-taken = File added ({ $count } in all).
pb-files-full = { $count } files are attached already — no more fit. You can remove them all and attach again.
pb-files-dropped = Files removed.
pb-need-file = I am waiting for a document or a photo here. No files? Press "Skip".
pb-btn-files-next = ➡️ Next
pb-btn-files-drop = 🧹 Remove all files
pb-btn-skip = ➡️ Skip
pb-ask-links = 🔗 Any links to materials (a lesson video, a page on the school's site)? Send the addresses in a message — up to { $max }. None? Press "Skip".
pb-link-bad = I could not read the address. Send the whole link, e.g. https://school.ru/lesson — separated by spaces or lines.
pb-links-full = That makes more than { $count } links. Keep the most important: you can remove them all and send again.
pb-btn-links-next = ➡️ Next
pb-btn-links-clear = 🧹 Remove links
pb-need-text = I am waiting for a text message here.
pb-use-buttons = Please answer with the buttons under the message above.

pb-step-title = title
pb-step-subjects = subjects
pb-step-grades = grades
pb-step-form = form
pb-step-description = description
pb-step-files = files
pb-step-links = links

pb-preview = 👀 <b>Check how the experts will see your practice:</b>
pb-missing = Still to fill in before sending: { $steps }.
pb-missing-alert = Not every step is filled in yet — see what is missing under the practice.
pb-btn-submit = 📤 Send for review
pb-btn-resubmit = 📤 Send again
pb-btn-edit = ✏️ Change
pb-btn-later = 💾 Continue later
pb-edit-which = What would you like to change?
pb-sent = 📤 The practice "{ $title }" was sent for review. Two experts will assess it and I will tell you their decision. Follow it in "My practices".
pb-resent = 📤 The revised practice "{ $title }" was sent to the experts again (attempt { $round }). I will tell you the decision.
pb-already-sent = This practice has been sent already — no need to send it again.
pb-put-aside = 💾 The draft is saved. Come back to it in "My practices".
pb-drop-ask = Delete the draft "{ $title }"? It cannot be brought back.
pb-btn-drop-yes = 🗑 Yes, delete
pb-dropped = The draft is deleted.

pb-evidence = The practice "{ $title }" passed the experts' review and is published in the bank of effective practices (No. { $number }).
