(* Gidel, Bach, Lacoste-Julien (2019), Thm. 3, eq. (23) right, corrected (registry thm3.upper):
   on 0 < sigma, 0 < lambda, 0 < eta, 0 < w0 < 1, 2 eta sigma < 1,
     eta (lambda w0 - sigma) <= 3/2   <->   for all t, w_t <= sigma w0 / (lambda w0 + (1 - 2 eta sigma)^t (sigma - lambda w0)),
   and when the condition fails the bound already fails at t = 1.

   Proof: u = 1/w - lambda/sigma, y = eta (sigma - lambda w), g = 1 - 2 eta sigma:
     u' - g u = y^2 (3 + 2 y) / ((1 + y)^2 w)                         (field)
   which is >= 0 iff y >= -3/2; the region y >= -3/2, w >= 0 is invariant (f(x) < 1 + s there,
   x = eta lambda w, s = eta sigma), so u_t >= g^t u_0 by induction (w_t = 0 is trivial). *)

Require Import Reals Lra Lia Psatz.
Require Import Symdln.Recursion.
Open Scope R_scope.

Definition upper_cond (sigma lam eta w0 : R) : Prop := eta * (lam * w0 - sigma) <= 3 / 2.
Definition upper_bound (sigma lam eta w0 : R) (t : nat) : R := sigma * w0 / (lam * w0 + (1 - 2 * eta * sigma) ^ t * (sigma - lam * w0)).

(* the one-step identity for u = 1/w - lambda/sigma *)
Lemma u_step_upper : forall sigma lam eta w,
  sigma <> 0 -> 0 < w -> 1 + eta * (sigma - lam * w) <> 0 ->
  / step sigma lam eta w - lam / sigma - (1 - 2 * eta * sigma) * (/ w - lam / sigma) =
  (eta * (sigma - lam * w)) ^ 2 * (3 + 2 * (eta * (sigma - lam * w))) /
  ((1 + eta * (sigma - lam * w)) ^ 2 * w).
Proof.
  intros sigma lam eta w Hs Hw Hy. unfold step.
  field. split; [lra|]. split; [exact Hy|exact Hs].
Qed.

(* f(x) = x (1 + s - x)^2 < 1 + s on 0 <= x <= 3/2 + s, 0 < s < 1/2 *)
Lemma f_lt_upper : forall s x,
  0 < s -> 2 * s < 1 -> 0 <= x -> x - s <= 3 / 2 -> x * (1 + s - x) ^ 2 < 1 + s.
Proof.
  intros s x Hs Hs2 Hx Hz.
  destruct (Rle_lt_dec x (1 + s)) as [Hle|Hgt].
  - (* AM-GM: 27 a b^2 <= 4 (a + b)^3 with a = x, b = 1 + s - x; and 4 (1+s)^2 < 27 *)
    set (b := 1 + s - x).
    assert (Hb : 0 <= b) by (unfold b; lra).
    assert (Hid : 4 * (x + b) ^ 3 - 27 * (x * b ^ 2) = (x + 4 * b) * (2 * x - b) ^ 2) by ring.
    assert (Hsq : 0 <= (x + 4 * b) * (2 * x - b) ^ 2)
      by (apply Rmult_le_pos; [lra|apply pow2_ge_0]).
    assert (Hab : x + b = 1 + s) by (unfold b; ring).
    rewrite Hab in Hid.
    assert (H27 : 4 * (1 + s) ^ 3 < 27 * (1 + s)).
    { assert (0 < 1 + s) by lra. assert ((1 + s) ^ 2 < 9 / 4) by nra. nra. }
    lra.
  - assert (Hb : (1 + s - x) ^ 2 <= 1 / 4) by nra.
    assert (x * (1 + s - x) ^ 2 <= x * (1 / 4)) by (apply Rmult_le_compat_l; lra).
    lra.
Qed.

Section Upper.
Context (sigma lam eta w0 : R).
Context (Hdom : domain sigma lam eta w0).
Let g := 1 - 2 * eta * sigma.
Let u0 := / w0 - lam / sigma.

Lemma upper_invariant : upper_cond sigma lam eta w0 -> forall t,
  0 <= iter sigma lam eta w0 t /\
  eta * (lam * iter sigma lam eta w0 t - sigma) <= 3 / 2 /\
  (0 < iter sigma lam eta w0 t -> g ^ t * u0 <= / iter sigma lam eta w0 t - lam / sigma).
Proof.
  destruct Hdom as (Hs & Hl & He & Hw0 & Hw1 & Hes).
  intros Hc t. induction t as [|t IH].
  - simpl. unfold u0. split; [lra|]. split; [exact Hc|]. intros _. lra.
  - destruct IH as (Hnn & Hreg & Hu).
    set (wt := iter sigma lam eta w0 t) in *.
    rewrite iter_S. fold wt.
    set (y := eta * (sigma - lam * wt)).
    split; [apply step_nonneg; exact Hnn|].
    split.
    + (* the region: eta (lambda w' - sigma) = f(x) - s < 1 <= 3/2 *)
      assert (Hf := f_lt_upper (eta * sigma) (eta * lam * wt)).
      assert (Hx : 0 <= eta * lam * wt) by (apply Rmult_le_pos; [nra|exact Hnn]).
      assert (Hf' : eta * lam * wt * (1 + eta * sigma - eta * lam * wt) ^ 2 < 1 + eta * sigma).
      { apply Hf; try nra. }
      replace (eta * (lam * step sigma lam eta wt - sigma))
        with (eta * lam * wt * (1 + eta * sigma - eta * lam * wt) ^ 2 - eta * sigma)
        by (unfold step; ring).
      lra.
    + intro Hpos.
      assert (Hwt : 0 < wt).
      { destruct Hnn as [Hlt|Heq]; [exact Hlt|].
        exfalso. unfold step in Hpos. rewrite <- Heq in Hpos. lra. }
      assert (Hy : 1 + y <> 0).
      { intro H0. unfold step in Hpos. fold y in Hpos. rewrite H0 in Hpos. simpl in Hpos. lra. }
      assert (Hid := u_step_upper sigma lam eta wt ltac:(lra) Hwt Hy). fold y in Hid.
      assert (Hnum : 0 <= y ^ 2 * (3 + 2 * y)).
      { apply Rmult_le_pos; [apply pow2_ge_0|]. unfold y. lra. }
      assert (Hden : 0 < (1 + y) ^ 2 * wt).
      { apply Rmult_lt_0_compat; [|exact Hwt]. apply sq_pos; exact Hy. }
      assert (Hq : 0 <= y ^ 2 * (3 + 2 * y) / ((1 + y) ^ 2 * wt))
        by (unfold Rdiv; apply Rmult_le_pos; [exact Hnum|left; apply Rinv_0_lt_compat; exact Hden]).
      assert (Hg : 0 <= g) by (unfold g; lra).
      assert (Hm : g * (g ^ t * u0) <= g * (/ wt - lam / sigma))
        by (apply Rmult_le_compat_l; [exact Hg|apply Hu; exact Hwt]).
      simpl pow. fold g in Hid. lra.
Qed.

End Upper.

Lemma upper_bound_pos : forall sigma lam eta w0 t,
  domain sigma lam eta w0 -> 0 < lam * w0 + (1 - 2 * eta * sigma) ^ t * (sigma - lam * w0).
Proof.
  intros sigma lam eta w0 t (Hs & Hl & He & Hw0 & Hw1 & Hes).
  destruct (pow_le_one (1 - 2 * eta * sigma) t) as [H0 H1]; try nra.
  apply bound_den_pos; assumption.
Qed.

Theorem thm3_upper_corrected : forall sigma lam eta w0,
  domain sigma lam eta w0 -> upper_cond sigma lam eta w0 ->
  forall t : nat, iter sigma lam eta w0 t <= upper_bound sigma lam eta w0 t.
Proof.
  intros sigma lam eta w0 Hdom Hc t.
  assert (Hd := upper_bound_pos sigma lam eta w0 t Hdom).
  destruct Hdom as (Hs & Hl & He & Hw0 & Hw1 & Hes) eqn:Hdom'.
  destruct (upper_invariant sigma lam eta w0 Hdom Hc t) as (Hnn & _ & Hu).
  unfold upper_bound. rewrite bound_as_inv by assumption.
  set (K := lam / sigma + (1 - 2 * eta * sigma) ^ t * (/ w0 - lam / sigma)).
  assert (HK : 0 < K).
  { unfold K. rewrite <- (Rinv_inv (_ + _)). rewrite <- bound_as_inv by assumption.
    apply Rinv_0_lt_compat. apply Rdiv_lt_0_compat; [nra|exact Hd]. }
  destruct Hnn as [Hpos|Hz].
  - apply le_inv_iff; [exact Hpos|exact HK|].
    specialize (Hu Hpos). unfold K. lra.
  - rewrite <- Hz. left. apply Rinv_0_lt_compat. exact HK.
Qed.

(* sharpness: outside the condition the bound fails at t = 1 *)
Theorem thm3_upper_sharp : forall sigma lam eta w0,
  domain sigma lam eta w0 -> ~ upper_cond sigma lam eta w0 ->
  upper_bound sigma lam eta w0 1 < iter sigma lam eta w0 1.
Proof.
  intros sigma lam eta w0 Hdom Hc.
  assert (Hd := upper_bound_pos sigma lam eta w0 1 Hdom).
  destruct Hdom as (Hs & Hl & He & Hw0 & Hw1 & Hes).
  unfold upper_cond in Hc. apply Rnot_le_lt in Hc.
  set (y := eta * (sigma - lam * w0)).
  assert (Hy : y < - (3 / 2)) by (unfold y; lra).
  assert (Hy1 : 1 + y <> 0) by lra.
  simpl iter.
  assert (Hw1pos : 0 < step sigma lam eta w0).
  { unfold step. fold y. apply Rmult_lt_0_compat; [exact Hw0|]. apply sq_pos; exact Hy1. }
  assert (Hid := u_step_upper sigma lam eta w0 ltac:(lra) Hw0 Hy1). fold y in Hid.
  assert (Hnum : y ^ 2 * (3 + 2 * y) < 0).
  { assert (0 < y ^ 2) by (apply sq_pos; lra). nra. }
  assert (Hden : 0 < (1 + y) ^ 2 * w0).
  { apply Rmult_lt_0_compat; [|exact Hw0]. apply sq_pos; exact Hy1. }
  assert (Hq : y ^ 2 * (3 + 2 * y) / ((1 + y) ^ 2 * w0) < 0).
  { assert (0 < / ((1 + y) ^ 2 * w0)) by (apply Rinv_0_lt_compat; exact Hden).
    unfold Rdiv. nra. }
  unfold upper_bound. rewrite bound_as_inv by assumption.
  set (K := lam / sigma + (1 - 2 * eta * sigma) ^ 1 * (/ w0 - lam / sigma)).
  assert (HK : 0 < K).
  { unfold K. rewrite <- (Rinv_inv (_ + _)). rewrite <- bound_as_inv by assumption.
    apply Rinv_0_lt_compat. apply Rdiv_lt_0_compat; [nra|exact Hd]. }
  apply Rnot_le_lt. intro Hle.
  apply (proj1 (le_inv_iff _ _ Hw1pos HK)) in Hle.
  unfold K in Hle. simpl pow in Hle. lra.
Qed.

(* the registry's statement: Equivalent(condition, bound for all t), on the printed domain *)
Theorem thm3_upper_iff : forall sigma lam eta w0,
  domain sigma lam eta w0 ->
  (upper_cond sigma lam eta w0 <-> forall t : nat, iter sigma lam eta w0 t <= upper_bound sigma lam eta w0 t).
Proof.
  intros sigma lam eta w0 Hdom; split.
  - apply thm3_upper_corrected; exact Hdom.
  - intro H. unfold upper_cond. destruct (Rle_lt_dec (eta * (lam * w0 - sigma)) (3 / 2)) as [Hc|Hc];
    [exact Hc|]. exfalso. apply Rlt_not_le in Hc. specialize (H 1%nat). assert (Hs := thm3_upper_sharp sigma lam eta w0 Hdom Hc). lra.
Qed.
