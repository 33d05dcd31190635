## Ask a methodist

menu-consult = ❓ Ask a methodist
menu-consult_queue = 📥 Incoming questions
menu-about-consult = ask a methodist (as text, a photo, a file or a voice message), read answers to frequent questions and your own questions.
menu-about-consult_queue = teachers' questions to you: overdue first, then new ones; answer, close, publish an answer to the FAQ.

consult-topic-route = Route (IEP)
consult-topic-attestation = Attestation
consult-topic-program = Work programme
consult-topic-standards = FOP and FGOS
consult-topic-special_needs = Children with disabilities
consult-topic-digital = Digital resources
consult-topic-mentoring = Mentoring
consult-topic-other = Other

consult-kind-text = ✉️ Message
consult-kind-photo = 🖼 Photo
consult-kind-document = 📎 Document
consult-kind-voice = 🎤 Voice message
consult-file-in-question = Open the question to get the file.

consult-hub =
    <b>❓ Ask a methodist</b>

    Ask a methodist about your route, attestation, work programme or anything else. The answer comes here, to this chat — usually within two working days. The methodist does not see your contacts: the whole conversation goes through me.
consult-btn-ask = ✍️ Ask a question
consult-btn-faq = 📖 Frequent questions
consult-btn-mine = 🗂 My questions{ $count ->
        [0] {""}
       *[other] {" "}({ $count })
    }
consult-btn-cancel = ✖️ Cancel
consult-btn-back = ⬅️ Back
consult-btn-open = 📂 Open the question
consult-btn-write = ✍️ Write
consult-btn-answer = ✍️ Answer
consult-btn-files = 📎 Files ({ $count })
consult-btn-solved = ✅ Solved
consult-btn-close = 🔒 Close the question
consult-btn-rate = ⭐ Rate the answer
consult-btn-publish = 📖 Publish to the FAQ
consult-btn-queue = 📥 To teachers' questions
consult-btn-other-subject = 📚 Another subject
consult-btn-no-subject = No subject
consult-btn-send-anyway = 📨 Ask anyway
consult-btn-consent-yes = ✅ Yes, you may
consult-btn-consent-no = No, do not publish
consult-btn-faq-search = 🔎 Search by words
consult-btn-keep = ✅ Keep as it is

consult-ask-topic = <b>✍️ A new question</b>

    What is your question about? Choose a topic.
consult-ask-question =
    Topic: <b>{ $topic }</b>
    Subject: <b>{ $subject }</b>

    Write your question in one message. You may attach a photo or a document, or record a voice message.
consult-ask-subject = Choose the subject your question is about.
consult-no-subject = no subject

consult-similar = <b>Perhaps the answer is already here:</b>
consult-faq-item = ❓ <b>{ $question }</b>
    { $answer }

consult-sent =
    📨 The question is sent. Methodist { $methodist } will answer by { $due }.

    The answer comes here, to this chat.
consult-sent-nobody =
    📨 The question is saved. There is no methodist for your subject and municipality yet — the methodological service will find one, and the answer comes here.

consult-mine = <b>🗂 My questions</b>

    ✍️ — waiting for you, ⏳ — waiting for the methodist, ✅ — solved.
consult-mine-empty = <b>🗂 My questions</b>

    You have not asked any questions yet.

consult-thread =
    <b>{ $topic }</b>
    { $person }
    { $status } · answer due by { $due }
consult-methodist-line = Methodist: { $name }
consult-methodist-none = No methodist assigned yet
consult-teacher-line = Teacher: { $name }
consult-status-closed = ✅ Solved
consult-status-unrouted = ⏳ Looking for a methodist
consult-status-your-turn = ✍️ Waiting for your answer
consult-status-their-turn = ⏳ Waiting for an answer
consult-rated = Rating: { $rating } of 5
consult-in-faq = 📖 The answer is published in the FAQ
consult-who-you = You
consult-who-teacher = Teacher
consult-who-methodist = Methodist
consult-line = <b>{ $who }</b>, { $at }:
    { $text }

consult-write-prompt = Write a message — text, a photo, a document or a voice message. I will pass it to the methodist.
consult-answer-prompt = Write your answer — text, a photo, a document or a voice message. I will pass it to the teacher.
consult-relayed = ✅ Sent.
consult-too-long = The message is too long: { $length } characters, at most { $max } allowed. Shorten it or split it into several messages.
consult-empty = The message is empty. Please write some text.
consult-bad-kind = I cannot pass on a message like this. Send text, a photo, a document or a voice message.
consult-cancelled = Cancelled.

consult-closed-by-you = ✅ The question is closed. Thank you!
consult-closed-done = The question is closed.
consult-rate = Please rate the methodist's answer: from one star to five.
consult-thanks = Thank you for the rating!
consult-consent =
    May this answer be published in the FAQ? The methodist will rewrite the question and the answer without your name or details about you. It helps colleagues with similar questions.
consult-consent-yes = Thank you! The methodist will publish the answer without your name.
consult-consent-no = All right, the answer stays with you only.

consult-faq-home = <b>📖 Frequent questions</b>

    Methodists' answers to teachers' questions. Choose a topic or search by words.
consult-faq-topic = <b>📖 { $topic }</b>
consult-faq-found = <b>🔎 Found for «{ $words }»</b>
consult-faq-pick = Choose a question to read the answer. Write other words to search again.
consult-faq-none = Nothing found yet. Try other words — or ask a methodist.
consult-faq-search = 🔎 Write a few words about what you are looking for, e.g. «attestation for the first category».
consult-faq-entry =
    <b>📖 { $topic }</b>

    ❓ <b>{ $question }</b>

    { $answer }
consult-need-words = Write the words to search for as text.

consult-queue = <b>📥 Teachers' questions</b> — { $count ->
        [one] { $count } question
       *[other] { $count } questions
    }, page { $page } of { $pages }
consult-queue-empty = <b>📥 Teachers' questions</b>

    No new questions.
consult-queue-line = { $mark } <b>{ $topic }</b> — { $lane }
    { $teacher } · asked { $age } ago · answer due by { $due }
consult-lane-overdue = past the deadline
consult-lane-new = waiting for your answer
consult-lane-teacher = waiting for the teacher
consult-lane-closed = may be published
consult-age-minutes = { $count ->
        [one] { $count } minute
       *[other] { $count } minutes
    }
consult-age-hours = { $count ->
        [one] { $count } hour
       *[other] { $count } hours
    }
consult-age-days = { $count ->
        [one] { $count } day
       *[other] { $count } days
    }

consult-publish-question =
    <b>📖 Publishing to the FAQ</b>

    Step 1 of 2. Write the question as colleagues will read it — without the teacher's name or details about them. Or keep it as it is:

    { $proposed }
consult-publish-answer =
    <b>📖 Publishing to the FAQ</b>

    Step 2 of 2. Write the answer. Or keep your answers from the conversation:

    { $proposed }
consult-faq-nothing = (no text in the conversation — write it yourself)
consult-faq-need-text = Send the text.
consult-published = ✅ The answer is published in the FAQ.

consult-notice-new =
    📥 <b>A new question</b> from teacher { $teacher }
    { $topic } · answer due by { $due }
consult-notice-answer = 💬 <b>An answer from methodist { $name }</b> to your question «{ $topic }»:
consult-notice-followup = 💬 <b>A message from teacher { $name }</b> on the question «{ $topic }»:
consult-notice-closed-by-teacher = ✅ The question «{ $topic }» of teacher { $name } is marked solved.
consult-notice-closed-by-methodist = ✅ Your question «{ $topic }» was closed by methodist { $name }.

consult-not-yours = This question is not available to you.
consult-closed = This question is closed already.
consult-stale = This button is out of date. Open the section again.
consult-not-closed = You can rate the answer once the question is closed.
consult-rated-already = You have rated this answer already.
consult-consent-already = You have answered this already.
consult-no-consent = The teacher did not allow publishing this answer.
consult-faq-empty = Both the question and the answer must be filled in.
consult-published-already = This answer is published already.
consult-faq-gone = This answer is no longer in the FAQ.
