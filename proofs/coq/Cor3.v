(* Gidel, Bach, Lacoste-Julien (2019), Sec. 3.2, (25)-(26) and Cor. 3: the limits (26) of the
   product recursion at the rescaled times delta T_j, under the sharp step-size condition
     2 eta sigma_1 < 1  and  eta sigma_{i+1} < ln (1 + eta sigma_i)  for all i,
   which replaces the printed conditions C2/C3 of Cor. 3.

   Setting: w_0 = exp (-2 delta) (m_i^(0) = n_i^(0) = e^-delta), s = eta sigma, L = ln (1 + s),
   and the mode is read at the step t = floor (delta tau).  The limits are over real
   delta -> +oo (Coquelicot's is_lim at p_infty).

   The threshold is tau* (s) = 1 / ln (1 + s):
   * tau > tau* (s): w_t -> sigma / lambda.  In the regime lambda w <= sigma the iterates stay in
     (0, sigma / lambda] and u = 1 / w - lambda / sigma contracts at least by (1 + s)^-2 per step
     (corrected Thm. 3 lower bound), so
       0 <= sigma / lambda - w_t <= (sigma / lambda)^2 / (w_0 (1 + s)^(2 t)),
     and w_0 (1 + s)^(2 t) >= exp (2 delta (tau L - 1) - 2 L) -> +oo.
   * 0 < tau < tau* (s): w_t -> 0.  In the same regime 0 <= eta (sigma - lambda w) <= s, so
     w' = w (1 + eta (sigma - lambda w))^2 <= w (1 + s)^2 and
       0 < w_t <= w_0 (1 + s)^(2 t) <= exp (-2 delta (1 - tau L)) -> 0.
   * Cor. 3 / (26) for a pair of modes: T_j = 1 / (eta sigma_j); for j > i,
     eta sigma_j <= eta sigma_{i+1} < ln (1 + eta sigma_i) gives T_j > tau* (eta sigma_i);
     for sigma_j >= sigma_i, ln (1 + x) < x gives T_j < tau* (eta sigma_i) (also for j = i:
     the printed T_i is early).
   * sigma = 0 (modes i > r_xy): w_t <= w_0 for all t, so the mode tends to 0 at any time. *)

From Coquelicot Require Import Coquelicot.
Require Import Reals Lra Lia Psatz.
Require Import Symdln.Recursion Symdln.Thm3Lower.
Open Scope R_scope.

(* ------------------------------------------------------------------------- *)
(* Formulas                                                                  *)

(* the rescaled transition time tau* (s) = 1 / ln (1 + s), s = eta sigma *)
Definition tau_star (s : R) : R := 1 / ln (1 + s).

(* the sharp condition between consecutive modes: eta sigma_{i+1} < ln (1 + eta sigma_i) *)
Definition sharp_cond (eta sigma_i sigma_next : R) : Prop := eta * sigma_next < ln (1 + eta * sigma_i).

(* the rescaled times of (25): T_j = 1 / (eta sigma_j) *)
Definition T_time (eta sigma_j : R) : R := 1 / (eta * sigma_j).

(* the initialisation w_0 = e^-delta e^-delta *)
Definition w_init (delta : R) : R := exp (- (2 * delta)).

(* the growth bound near w = 0: w_t <= w_0 (1 + eta sigma)^(2 t) *)
Definition zero_side_bound (sigma eta w0 : R) (t : nat) : R := w0 * (1 + eta * sigma) ^ (2 * t).

(* the distance bound to the limit: sigma / lambda - w_t <= (sigma / lambda)^2 / (w_0 (1 + eta sigma)^(2 t)) *)
Definition one_side_bound (sigma lam eta w0 : R) (t : nat) : R := (sigma / lam) ^ 2 / (w0 * (1 + eta * sigma) ^ (2 * t)).

(* the step read at rescaled time tau: t = floor (delta tau) (0 when delta tau < 0) *)
Definition t_floor : R -> R -> nat := fun delta tau => Z.to_nat (floor (delta * tau)).

(* the mode at rescaled time tau, as a function of delta: w_{floor (delta tau)} from w_0 = exp (-2 delta) *)
Definition w_delta : R -> R -> R -> R -> R -> R :=
  fun sigma lam eta tau delta => iter sigma lam eta (w_init delta) (t_floor delta tau).

(* ------------------------------------------------------------------------- *)
(* Elementary facts                                                          *)

Lemma ln1p_pos : forall x, 0 < x -> 0 < ln (1 + x).
Proof. intros x Hx. rewrite <- ln_1. apply ln_increasing; lra. Qed.

(* ln (1 + x) < x for x > 0, from 1 + x < exp x *)
Lemma ln1p_lt : forall x, 0 < x -> ln (1 + x) < x.
Proof.
  intros x Hx. apply Rlt_le_trans with (ln (exp x)).
  - apply ln_increasing; [lra|]. apply exp_ineq1; lra.
  - rewrite ln_exp; lra.
Qed.

Lemma pow_as_exp : forall b n, 0 < b -> b ^ n = exp (INR n * ln b).
Proof. intros b n Hb. rewrite <- (Rpower_pow n b Hb). reflexivity. Qed.

(* floor (delta tau) <= delta tau < floor (delta tau) + 1, for delta tau >= 0 *)
Lemma t_floor_spec : forall delta tau, 0 <= delta * tau ->
  INR (t_floor delta tau) <= delta * tau /\ delta * tau - 1 < INR (t_floor delta tau).
Proof.
  intros d tau H. unfold t_floor, floor. destruct (floor_ex (d * tau)) as [z [H1 H2]]. simpl.
  assert (Hz : (0 <= z)%Z).
  { assert (Hz' : (-1 < z)%Z) by (apply lt_IZR; lra). lia. }
  rewrite INR_IZR_INZ, Z2Nat.id by exact Hz. lra.
Qed.

(* for delta large, w_0 = exp (-2 delta) is in the domain of Thm. 3 and in the regime lambda w_0 <= sigma *)
Lemma w_init_regime : forall sigma lam eta delta,
  0 < sigma -> 0 < lam -> 0 < eta -> 2 * eta * sigma < 1 ->
  0 < delta -> Rabs (ln (sigma / lam)) < delta ->
  domain sigma lam eta (w_init delta) /\ lam * w_init delta <= sigma.
Proof.
  intros sigma lam eta d Hs Hl He Hes Hd Hd2. unfold w_init.
  assert (Hq : 0 < sigma / lam) by (apply Rdiv_lt_0_compat; assumption).
  pose proof (Rle_abs (- ln (sigma / lam))) as Ha. rewrite Rabs_Ropp in Ha.
  assert (Hlt : exp (- (2 * d)) < sigma / lam).
  { rewrite <- (exp_ln (sigma / lam)) by exact Hq. apply exp_increasing. lra. }
  split.
  - unfold domain. repeat split; try assumption.
    + apply exp_pos.
    + rewrite <- exp_0. apply exp_increasing. lra.
  - apply Rlt_le. apply Rmult_lt_reg_r with (/ lam); [apply Rinv_0_lt_compat; exact Hl|].
    replace (lam * exp (- (2 * d)) * / lam) with (exp (- (2 * d))) by (field; lra).
    exact Hlt.
Qed.

Lemma exp_le_mono : forall x y, x <= y -> exp x <= exp y.
Proof.
  intros x y H. destruct (Rle_lt_or_eq_dec x y H) as [Hl|He].
  - left. apply exp_increasing. exact Hl.
  - rewrite He. lra.
Qed.

(* a / exp X < eps when X > ln (a / eps), a > 0 *)
Lemma div_exp_small : forall a eps X, 0 < a -> 0 < eps -> ln (a / eps) < X -> a / exp X < eps.
Proof.
  intros a eps X Ha He HX.
  assert (Hq : 0 < a / eps) by (apply Rdiv_lt_0_compat; assumption).
  assert (HE : a / eps < exp X).
  { rewrite <- (exp_ln (a / eps)) by exact Hq. apply exp_increasing. exact HX. }
  assert (Hx : 0 < exp X) by apply exp_pos.
  apply Rmult_lt_reg_r with (exp X); [exact Hx|].
  replace (a / exp X * exp X) with a by (field; lra).
  apply Rmult_lt_reg_r with (/ eps); [apply Rinv_0_lt_compat; exact He|].
  replace (eps * exp X * / eps) with (exp X) by (field; lra).
  exact HE.
Qed.

(* ------------------------------------------------------------------------- *)
(* Item 1: the order of T_j and tau* (eta sigma_i)                           *)

Theorem cor3_order : forall x y, 0 < x ->
  (0 < y -> y < ln (1 + x) -> tau_star x < 1 / y) /\ (x < y -> 1 / y < tau_star x).
Proof.
  intros x y Hx. pose proof (ln1p_pos x Hx) as H0. pose proof (ln1p_lt x Hx) as H1.
  unfold tau_star, Rdiv. rewrite !Rmult_1_l. split.
  - intros Hy Hyl. apply Rinv_lt_contravar; [apply Rmult_lt_0_compat; lra|lra].
  - intros Hxy. apply Rinv_lt_contravar; [apply Rmult_lt_0_compat; lra|lra].
Qed.

(* ------------------------------------------------------------------------- *)
(* The two one-step estimates along the orbit in the regime lambda w <= sigma *)

(* zero side: w_t <= w_0 (1 + eta sigma)^(2 t) *)
Theorem zero_side : forall sigma lam eta w0,
  domain sigma lam eta w0 -> lam * w0 <= sigma ->
  forall t : nat, iter sigma lam eta w0 t <= zero_side_bound sigma eta w0 t.
Proof.
  intros sigma lam eta w0 Hdom Hc t. unfold zero_side_bound.
  induction t as [|t IH].
  - simpl. lra.
  - destruct (below_invariant sigma lam eta w0 Hdom Hc t) as (Hpos & Hreg & _).
    destruct Hdom as (Hs & Hl & He & Hw0 & Hw1 & Hes).
    rewrite iter_S. unfold step.
    set (w := iter sigma lam eta w0 t) in *.
    assert (Hy0 : 0 <= eta * (sigma - lam * w)) by (apply Rmult_le_pos; lra).
    assert (Hy1 : eta * (sigma - lam * w) <= eta * sigma).
    { assert (0 <= eta * (lam * w)) by (apply Rmult_le_pos; [lra|apply Rmult_le_pos; lra]). nra. }
    assert (Hsq : (1 + eta * (sigma - lam * w)) ^ 2 <= (1 + eta * sigma) ^ 2) by nra.
    rewrite Nat.mul_succ_r, pow_add.
    apply Rle_trans with (w * (1 + eta * sigma) ^ 2).
    + apply Rmult_le_compat_l; lra.
    + rewrite <- Rmult_assoc. apply Rmult_le_compat_r; [apply pow2_ge_0|exact IH].
Qed.

(* one side: 0 <= sigma / lambda - w_t <= (sigma / lambda)^2 / (w_0 (1 + eta sigma)^(2 t)) *)
Theorem one_side : forall sigma lam eta w0,
  domain sigma lam eta w0 -> lam * w0 <= sigma ->
  forall t : nat, 0 <= sigma / lam - iter sigma lam eta w0 t /\ sigma / lam - iter sigma lam eta w0 t <= one_side_bound sigma lam eta w0 t.
Proof.
  intros sigma lam eta w0 Hdom Hc t. unfold one_side_bound.
  destruct (below_invariant sigma lam eta w0 Hdom Hc t) as (Hpos & Hreg & Hu).
  destruct Hdom as (Hs & Hl & He & Hw0 & Hw1 & Hes).
  set (w := iter sigma lam eta w0 t) in *.
  set (P := (1 + eta * sigma) ^ (2 * t)).
  assert (HP : 0 < P) by (unfold P; apply pow_lt; nra).
  assert (HPe : (/ (1 + eta * sigma) ^ 2) ^ t = / P).
  { unfold P. rewrite pow_mult, pow_inv. reflexivity. }
  rewrite HPe in Hu.
  assert (Hq : 0 < sigma / lam) by (apply Rdiv_lt_0_compat; assumption).
  (* w <= sigma / lambda and u = 1 / w - lambda / sigma >= 0 *)
  assert (Hwl : sigma / lam - w = (sigma - lam * w) * / lam) by (field; lra).
  assert (Hw_le : 0 <= sigma / lam - w).
  { rewrite Hwl. apply Rmult_le_pos; [lra|left; apply Rinv_0_lt_compat; exact Hl]. }
  assert (Hu0 : 0 <= / w - lam / sigma).
  { rewrite u_form by lra. apply Rmult_le_pos; [lra|].
    left. apply Rinv_0_lt_compat. apply Rmult_lt_0_compat; assumption. }
  (* sigma / lambda - w = w (sigma / lambda) u *)
  assert (Hid : sigma / lam - w = w * (sigma / lam) * (/ w - lam / sigma)) by (field; lra).
  (* u <= / P (1 / w0 - lambda / sigma) <= / (w0 P) *)
  assert (Hub : / w - lam / sigma <= / (w0 * P)).
  { assert (Hl0 : 0 <= lam / sigma) by (left; apply Rdiv_lt_0_compat; assumption).
    assert (HiP : 0 < / P) by (apply Rinv_0_lt_compat; exact HP).
    assert (/ P * (/ w0 - lam / sigma) <= / P * / w0) by (apply Rmult_le_compat_l; lra).
    rewrite Rinv_mult. lra. }
  split; [exact Hw_le|].
  rewrite Hid.
  apply Rle_trans with ((sigma / lam) * (sigma / lam) * (/ w - lam / sigma)).
  - apply Rmult_le_compat_r; [exact Hu0|]. apply Rmult_le_compat_r; lra.
  - unfold Rdiv at 3. simpl pow. rewrite Rmult_1_r.
    apply Rmult_le_compat_l; [nra|exact Hub].
Qed.

(* ------------------------------------------------------------------------- *)
(* Items 2 and 3: the limits on either side of tau* (s)                      *)

(* Item 2: tau > tau* (eta sigma): w_{floor (delta tau)} -> sigma / lambda as delta -> +oo (real delta) *)
Theorem threshold_above : forall sigma lam eta tau,
  0 < sigma -> 0 < lam -> 0 < eta -> 2 * eta * sigma < 1 -> tau_star (eta * sigma) < tau ->
  is_lim (w_delta sigma lam eta tau) p_infty (sigma / lam).
Proof.
  intros sigma lam eta tau Hs Hl He Hes Htau.
  assert (Hs0 : 0 < eta * sigma) by (apply Rmult_lt_0_compat; assumption).
  set (L := ln (1 + eta * sigma)) in *.
  assert (HL : 0 < L) by (apply ln1p_pos; exact Hs0).
  assert (Hk : 0 < tau * L - 1).
  { unfold tau_star in Htau. fold L in Htau.
    apply (Rmult_lt_compat_r L) in Htau; [|exact HL].
    replace (1 / L * L) with 1 in Htau by (field; lra). lra. }
  assert (Ht : 0 < tau).
  { assert (0 < tau_star (eta * sigma)) by (unfold tau_star; fold L; apply Rdiv_lt_0_compat; lra). lra. }
  set (k := tau * L - 1) in *.
  set (K := (sigma / lam) ^ 2).
  assert (HK : 0 < K) by (unfold K; apply pow_lt; apply Rdiv_lt_0_compat; assumption).
  apply is_lim_spec. intro eps.
  pose proof (cond_pos eps) as Heps.
  exists (Rmax 0 (Rmax (Rabs (ln (sigma / lam))) ((ln (K / eps) + 2 * L) / (2 * k)))).
  intros d Hd.
  pose proof (Rmax_l 0 (Rmax (Rabs (ln (sigma / lam))) ((ln (K / eps) + 2 * L) / (2 * k)))) as Hm0.
  pose proof (Rmax_r 0 (Rmax (Rabs (ln (sigma / lam))) ((ln (K / eps) + 2 * L) / (2 * k)))) as Hm1.
  pose proof (Rmax_l (Rabs (ln (sigma / lam))) ((ln (K / eps) + 2 * L) / (2 * k))) as Hm2.
  pose proof (Rmax_r (Rabs (ln (sigma / lam))) ((ln (K / eps) + 2 * L) / (2 * k))) as Hm3.
  assert (Hd0 : 0 < d) by lra.
  destruct (w_init_regime sigma lam eta d Hs Hl He Hes Hd0 ltac:(lra)) as [Hdom Hc].
  destruct (t_floor_spec d tau ltac:(nra)) as [_ Hn].
  set (n := t_floor d tau) in *.
  unfold w_delta. fold n.
  destruct (one_side sigma lam eta (w_init d) Hdom Hc n) as [Hlo Hhi].
  unfold one_side_bound in Hhi. fold K in Hhi.
  rewrite Rabs_minus_sym, Rabs_pos_eq by exact Hlo.
  (* w_0 (1 + s)^(2 n) >= exp (2 d k - 2 L) *)
  assert (HE : exp (2 * d * k - 2 * L) <= w_init d * (1 + eta * sigma) ^ (2 * n)).
  { unfold w_init. rewrite pow_as_exp by lra. fold L. rewrite <- exp_plus.
    apply exp_le_mono. rewrite mult_INR. simpl (INR 2). unfold k. nra. }
  assert (HX : ln (K / eps) < 2 * d * k - 2 * L).
  { assert (Hd3 : (ln (K / eps) + 2 * L) / (2 * k) < d) by lra.
    apply (Rmult_lt_compat_r (2 * k)) in Hd3; [|lra].
    replace ((ln (K / eps) + 2 * L) / (2 * k) * (2 * k)) with (ln (K / eps) + 2 * L) in Hd3
      by (field; lra).
    lra. }
  apply Rle_lt_trans with (K / exp (2 * d * k - 2 * L)).
  - apply Rle_trans with (1 := Hhi). unfold Rdiv. apply Rmult_le_compat_l; [lra|].
    apply Rinv_le_contravar; [apply exp_pos|exact HE].
  - apply div_exp_small; assumption.
Qed.

(* Item 3: 0 < tau < tau* (eta sigma): w_{floor (delta tau)} -> 0 as delta -> +oo (real delta) *)
Theorem threshold_below : forall sigma lam eta tau,
  0 < sigma -> 0 < lam -> 0 < eta -> 2 * eta * sigma < 1 -> 0 < tau -> tau < tau_star (eta * sigma) ->
  is_lim (w_delta sigma lam eta tau) p_infty 0.
Proof.
  intros sigma lam eta tau Hs Hl He Hes Ht Htau.
  assert (Hs0 : 0 < eta * sigma) by (apply Rmult_lt_0_compat; assumption).
  set (L := ln (1 + eta * sigma)) in *.
  assert (HL : 0 < L) by (apply ln1p_pos; exact Hs0).
  assert (Hk : 0 < 1 - tau * L).
  { unfold tau_star in Htau. fold L in Htau.
    apply (Rmult_lt_compat_r L) in Htau; [|exact HL].
    replace (1 / L * L) with 1 in Htau by (field; lra). lra. }
  set (k := 2 * (1 - tau * L)).
  assert (Hk2 : 0 < k) by (unfold k; lra).
  apply is_lim_spec. intro eps.
  pose proof (cond_pos eps) as Heps.
  exists (Rmax 0 (Rmax (Rabs (ln (sigma / lam))) (- ln eps / k))).
  intros d Hd.
  pose proof (Rmax_l 0 (Rmax (Rabs (ln (sigma / lam))) (- ln eps / k))) as Hm0.
  pose proof (Rmax_r 0 (Rmax (Rabs (ln (sigma / lam))) (- ln eps / k))) as Hm1.
  pose proof (Rmax_l (Rabs (ln (sigma / lam))) (- ln eps / k)) as Hm2.
  pose proof (Rmax_r (Rabs (ln (sigma / lam))) (- ln eps / k)) as Hm3.
  assert (Hd0 : 0 < d) by lra.
  destruct (w_init_regime sigma lam eta d Hs Hl He Hes Hd0 ltac:(lra)) as [Hdom Hc].
  destruct (t_floor_spec d tau ltac:(nra)) as [Hn _].
  set (n := t_floor d tau) in *.
  unfold w_delta. fold n.
  pose proof (zero_side sigma lam eta (w_init d) Hdom Hc n) as Hz.
  assert (Hw0 : 0 <= w_init d) by (unfold w_init; left; apply exp_pos).
  pose proof (iter_nonneg sigma lam eta (w_init d) n Hw0) as Hnn.
  rewrite Rminus_0_r, Rabs_pos_eq by exact Hnn.
  (* w_t <= w_0 (1 + s)^(2 n) = exp (-2 d + 2 n L) <= exp (- k d) < eps *)
  unfold zero_side_bound, w_init in Hz. rewrite pow_as_exp in Hz by lra. fold L in Hz.
  rewrite <- exp_plus in Hz.
  apply Rle_lt_trans with (1 := Hz).
  apply Rle_lt_trans with (exp (- (k * d))).
  { apply exp_le_mono. rewrite mult_INR. simpl (INR 2). unfold k. nra. }
  rewrite <- (exp_ln eps) by exact Heps. apply exp_increasing.
  assert (Hd3 : - ln eps / k < d) by lra.
  apply (Rmult_lt_compat_r k) in Hd3; [|exact Hk2].
  replace (- ln eps / k * k) with (- ln eps) in Hd3 by (field; lra).
  lra.
Qed.

(* ------------------------------------------------------------------------- *)
(* Item 4: (26) for a pair of modes under the sharp condition                *)

(* mode i at T_j = 1 / (eta sigma_j):
   j > i (sigma_j <= sigma_{i+1}) and eta sigma_{i+1} < ln (1 + eta sigma_i): -> sigma_i / lambda_i;
   j < i (sigma_j > sigma_i): -> 0 *)
Theorem cor3_sharp_sufficient : forall eta sigma_i lam_i sigma_next sigma_j,
  0 < eta -> 0 < sigma_i -> 0 < lam_i -> 2 * eta * sigma_i < 1 -> 0 < sigma_j ->
  (sigma_j <= sigma_next -> sharp_cond eta sigma_i sigma_next ->
     is_lim (w_delta sigma_i lam_i eta (T_time eta sigma_j)) p_infty (sigma_i / lam_i)) /\
  (sigma_i < sigma_j -> is_lim (w_delta sigma_i lam_i eta (T_time eta sigma_j)) p_infty 0).
Proof.
  intros eta si li sn sj He Hsi Hli Hes Hsj.
  assert (Hx : 0 < eta * si) by (apply Rmult_lt_0_compat; assumption).
  assert (Hy : 0 < eta * sj) by (apply Rmult_lt_0_compat; assumption).
  split.
  - intros Hjn Hsharp. apply threshold_above; try assumption.
    unfold sharp_cond in Hsharp.
    assert (Hyn : 0 < eta * sn) by (apply Rmult_lt_0_compat; lra).
    destruct (cor3_order (eta * si) (eta * sn) Hx) as [H1 _].
    specialize (H1 Hyn Hsharp).
    apply Rlt_le_trans with (1 := H1). unfold T_time, Rdiv. rewrite !Rmult_1_l.
    apply Rinv_le_contravar; [exact Hy|]. apply Rmult_le_compat_l; lra.
  - intros Hij.
    destruct (cor3_order (eta * si) (eta * sj) Hx) as [_ H2].
    apply threshold_below; try assumption.
    + unfold T_time. apply Rdiv_lt_0_compat; [lra|exact Hy].
    + apply H2. apply Rmult_lt_compat_l; assumption.
Qed.

(* j = i: the printed T_i = 1 / (eta sigma_i) is before tau* (eta sigma_i), so mode i at delta T_i -> 0 *)
Theorem cor3_own_time : forall eta sigma_i lam_i,
  0 < eta -> 0 < sigma_i -> 0 < lam_i -> 2 * eta * sigma_i < 1 ->
  is_lim (w_delta sigma_i lam_i eta (T_time eta sigma_i)) p_infty 0.
Proof.
  intros eta si li He Hsi Hli Hes.
  assert (Hx : 0 < eta * si) by (apply Rmult_lt_0_compat; assumption).
  pose proof (ln1p_pos (eta * si) Hx) as H0. pose proof (ln1p_lt (eta * si) Hx) as H1.
  apply threshold_below; try assumption.
  - unfold T_time. apply Rdiv_lt_0_compat; [lra|exact Hx].
  - unfold T_time, tau_star, Rdiv. rewrite !Rmult_1_l.
    apply Rinv_lt_contravar; [apply Rmult_lt_0_compat; assumption|exact H1].
Qed.

(* ------------------------------------------------------------------------- *)
(* (26) for the modes with sigma_i = 0 (i > r_xy)                            *)

(* x = eta lambda w in [0, 2] gives w' = w (1 - x)^2 <= w: 0 <= w_t <= w_0 *)
Lemma sigma0_nonincreasing : forall lam eta w0, 0 < lam -> 0 < eta -> 0 <= w0 -> eta * lam * w0 <= 2 ->
  forall t : nat, 0 <= iter 0 lam eta w0 t /\ iter 0 lam eta w0 t <= w0.
Proof.
  intros lam eta w0 Hl He Hw0 Hx t. induction t as [|t IH].
  - simpl. lra.
  - rewrite iter_S. set (w := iter 0 lam eta w0 t) in *.
    assert (Hel : 0 < eta * lam) by (apply Rmult_lt_0_compat; assumption).
    assert (Hy0 : 0 <= eta * lam * w) by (apply Rmult_le_pos; lra).
    assert (Hy2 : eta * lam * w <= 2).
    { assert (eta * lam * w <= eta * lam * w0) by (apply Rmult_le_compat_l; lra). lra. }
    assert (Hsq : (1 + eta * (0 - lam * w)) ^ 2 <= 1).
    { replace ((1 + eta * (0 - lam * w)) ^ 2) with (1 - eta * lam * w * (2 - eta * lam * w)) by ring.
      assert (0 <= eta * lam * w * (2 - eta * lam * w)) by (apply Rmult_le_pos; lra). lra. }
    split.
    + apply step_nonneg; lra.
    + unfold step. apply Rle_trans with (w * 1); [apply Rmult_le_compat_l; lra|lra].
Qed.

(* sigma_i = 0: the mode tends to 0 at every rescaled time tau *)
Theorem mode_sigma0_vanishes : forall lam eta tau,
  0 < lam -> 0 < eta -> is_lim (w_delta 0 lam eta tau) p_infty 0.
Proof.
  intros lam eta tau Hl He.
  assert (Hel : 0 < eta * lam) by (apply Rmult_lt_0_compat; assumption).
  apply is_lim_spec. intro eps.
  pose proof (cond_pos eps) as Heps.
  exists (Rmax 0 (Rmax (Rabs (ln (2 / (eta * lam)))) (Rabs (ln eps)))).
  intros d Hd.
  pose proof (Rmax_l 0 (Rmax (Rabs (ln (2 / (eta * lam)))) (Rabs (ln eps)))) as Hm0.
  pose proof (Rmax_r 0 (Rmax (Rabs (ln (2 / (eta * lam)))) (Rabs (ln eps)))) as Hm1.
  pose proof (Rmax_l (Rabs (ln (2 / (eta * lam)))) (Rabs (ln eps))) as Hm2.
  pose proof (Rmax_r (Rabs (ln (2 / (eta * lam)))) (Rabs (ln eps))) as Hm3.
  pose proof (Rle_abs (- ln (2 / (eta * lam)))) as Ha. rewrite Rabs_Ropp in Ha.
  pose proof (Rle_abs (- ln eps)) as Hb. rewrite Rabs_Ropp in Hb.
  assert (Hq : 0 < 2 / (eta * lam)) by (apply Rdiv_lt_0_compat; lra).
  assert (Hw0 : 0 <= w_init d) by (unfold w_init; left; apply exp_pos).
  assert (Hw1 : w_init d < 2 / (eta * lam)).
  { unfold w_init. rewrite <- (exp_ln (2 / (eta * lam))) by exact Hq. apply exp_increasing. lra. }
  assert (Hw2 : w_init d < eps).
  { unfold w_init. rewrite <- (exp_ln eps) by exact Heps. apply exp_increasing. lra. }
  assert (Hx : eta * lam * w_init d <= 2).
  { apply Rlt_le. apply Rmult_lt_reg_r with (/ (eta * lam)); [apply Rinv_0_lt_compat; exact Hel|].
    replace (eta * lam * w_init d * / (eta * lam)) with (w_init d) by (field; lra).
    replace (2 * / (eta * lam)) with (2 / (eta * lam)) by reflexivity. exact Hw1. }
  destruct (sigma0_nonincreasing lam eta (w_init d) Hl He Hw0 Hx (t_floor d tau)) as [H0 H1].
  unfold w_delta. rewrite Rminus_0_r, Rabs_pos_eq by exact H0. lra.
Qed.
