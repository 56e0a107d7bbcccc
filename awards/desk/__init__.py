"""Bàn tiếp nhận: the TĐKT office hands each proposal that has arrived to a specialist.

A specialist (chuyên viên) of the office is an active user holding the admin role (Quản trị,
Văn phòng TĐKT) on the unit where the proposal is considered (``Proposal.authority_unit``) or
on one of its departments (the Vụ Thi đua – Khen thưởng under the Bộ); the desk holds the
proposals addressed to a unit that has such an office. Admins assign and reassign
(``services``), the desk lists who holds what and since when (``selectors``), every
hand-over is an entry of the proposal's audit history.
"""
