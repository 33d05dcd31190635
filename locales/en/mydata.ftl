## /mydata: my data — see it and delete it

md-open = 📄 My data
md-caption = 📄 Here is everything I keep about you: your profile, self-assessments, learning route, event registrations, mentoring, answers to non-anonymous surveys. Any text editor opens the file.
md-caption-guest = 📄 I have no profile for you. All I keep is in this file: the language you chose and the step of a conversation you started. To sign up, send /start.
md-actions =
    That is all of your data. If you wish, I can delete it — and your consent to processing with it.

    Or just go back to the menu: nothing will change.
md-delete = 🗑 Delete my data
md-delete-confirm =
    <b>Delete your data?</b>

    I will delete your profile, self-assessment results, your learning route with its evidence, event registrations, mentoring pairs and the meeting log, and your messages waiting to be sent. Invitations you issued will stop working. Your consent to personal data processing will be withdrawn.

    Only answers to anonymous surveys and numbers in summary reports stay — they no longer identify you: answers to ordinary surveys become nameless and undated too.

    This cannot be undone.
md-delete-yes = 🗑 Yes, delete
md-delete-no = ↩️ No, keep it
md-deleted = Done: your data has been deleted and your consent withdrawn. Thank you for being with us! If you'd like to come back, send /start.
md-gone = I no longer have any of your data — there is nothing to show or delete. To start again, send /start.
md-nothing = I don't keep anything about you yet: you haven't signed up. To start, send /start.
