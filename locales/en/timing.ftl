# Part 9, things that happen when promised: a survey launched «now», invite links checked when
# opened and shared with a button, a notice kept for an admin until they write, taps that change
# nothing.

# A survey launched «now»: its wave opens at the launch.
ss-launched-now = The survey is launched: the invitations are on their way.

# An invite link that cannot work, opened before registering: said at once, registration goes on.
invite-dead-on-start =
    { $reason }

    You can register without the invite — carry on below. The role comes when you open a new link.

# Invite links come with a button to forward them (Telegram's share screen: pick a chat, send).
invite-share = 📤 Forward the link
invites-share = 📤 Forward No. { $number }
invite-share-text = An invitation to the “Methodist” bot: the role “{ $role }”. Open the link to get it.

# A tap that changes nothing gets a word instead of an edit (the general one: screen-unchanged).
jobs-nothing-new = Nothing new yet — all as it was.
page-label-note = This is the page number. Turn the pages with the arrow buttons beside it.
