# Part 9, things that happen when promised: a survey launched «now», invite links checked when
# opened and shared with a button, a notice kept for an admin until they write, taps that change
# nothing.

# A survey launched «now»: its wave opens at the launch.
ss-launched-now = Опрос запущен: приглашения уже отправляются.

# An invite link that cannot work, opened before registering: said at once, registration goes on.
invite-dead-on-start =
    { $reason }

    Зарегистрироваться можно и без приглашения — продолжайте ниже. Роль появится, когда вы откроете новую ссылку.

# Invite links come with a button to forward them (Telegram's share screen: pick a chat, send).
invite-share = 📤 Переслать ссылку
invites-share = 📤 Переслать № { $number }
invite-share-text = Приглашение в бот «Методист»: роль «{ $role }». Откройте ссылку, чтобы её получить.

# A tap that changes nothing gets a word instead of an edit (the general one: screen-unchanged).
jobs-nothing-new = Нового пока нет — всё как было.
page-label-note = Это номер страницы. Листайте кнопками со стрелками рядом.
