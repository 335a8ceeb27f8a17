(* Gidel, Bach, Lacoste-Julien (2019), Thm. 3, eq. (23) left, corrected (registry thm3.lower):
   on 0 < sigma, 0 < lambda, 0 < eta, 0 < w0 < 1, 2 eta sigma < 1, for all t,
   (a) lambda w0 <= sigma:
         w_t >= sigma w0 / (lambda w0 + (sigma - lambda w0) / (1 + eta sigma)^(2 t));
   (b) lambda w0 > sigma, y0 = eta (sigma - lambda w0) > -1, (y0 + 1)^2 >= eta sigma (y0 + 2):
         w_t >= sigma w0 / (lambda w0 + (sigma - lambda w0) rho0^t),
         rho0 = 1 - eta sigma (y0 + 2) / (y0 + 1)^2.

   Proof: u = 1/w - lambda/sigma obeys u' = rho(y) u (Recursion.u_step), y = eta (sigma - lambda w),
   and y' = y N(y), N(y) = (1 + y)^2 - eta sigma (2 + y) (Recursion.step_gap).
   (a) y_t in [0, eta sigma], u_t >= 0 and rho(y) <= rho(eta sigma) = (1 + eta sigma)^-2.
   (b) y_t in [y0, 0], u_t <= 0, 0 <= rho(y0) <= rho(y_t) (rho increasing on y > -1). *)

Require Import Reals Lra Lia Psatz.
Require Import Symdln.Recursion.
Open Scope R_scope.

Definition lower_bound_below (sigma lam eta w0 : R) (t : nat) : R := sigma * w0 / (lam * w0 + (sigma - lam * w0) / (1 + eta * sigma) ^ (2 * t)).
Definition lower_cond_above (sigma lam eta w0 : R) : Prop := lam * w0 > sigma /\ eta * (sigma - lam * w0) > -1 /\ (eta * (sigma - lam * w0) + 1) ^ 2 >= eta * sigma * (eta * (sigma - lam * w0) + 2).
Definition lower_bound_above (sigma lam eta w0 : R) (t : nat) : R := sigma * w0 / (lam * w0 + (sigma - lam * w0) * (1 - eta * sigma * (eta * (sigma - lam * w0) + 2) / (eta * (sigma - lam * w0) + 1) ^ 2) ^ t).

(* ------------------------------------------------------------------------- *)
(* (a) lambda w0 <= sigma                                                    *)

(* h u - u' = eta lambda y Q / ((1 + s)^2 (1 + y)^2), Q = 3 + 2 s + 2 y + s y > 0 *)
Lemma u_step_below : forall sigma lam eta w,
  sigma <> 0 -> 0 < w -> 1 + eta * (sigma - lam * w) <> 0 -> 1 + eta * sigma <> 0 ->
  / (1 + eta * sigma) ^ 2 * (/ w - lam / sigma) - (/ step sigma lam eta w - lam / sigma) =
  eta * lam * (eta * (sigma - lam * w)) *
  (3 + 2 * (eta * sigma) + 2 * (eta * (sigma - lam * w)) + eta * sigma * (eta * (sigma - lam * w))) /
  ((1 + eta * sigma) ^ 2 * (1 + eta * (sigma - lam * w)) ^ 2).
Proof.
  intros sigma lam eta w Hs Hw Hy Hs1. unfold step.
  field. repeat split; try assumption; lra.
Qed.

Section Below.
Context (sigma lam eta w0 : R).
Context (Hdom : domain sigma lam eta w0).
Let h := / (1 + eta * sigma) ^ 2.
Let u0 := / w0 - lam / sigma.

Lemma below_invariant : lam * w0 <= sigma -> forall t,
  0 < iter sigma lam eta w0 t /\
  lam * iter sigma lam eta w0 t <= sigma /\
  / iter sigma lam eta w0 t - lam / sigma <= h ^ t * u0.
Proof.
  destruct Hdom as (Hs & Hl & He & Hw0 & Hw1 & Hes).
  intros Hc t. induction t as [|t IH].
  - simpl. unfold u0. split; [lra|]. split; [lra|]. lra.
  - destruct IH as (Hpos & Hreg & Hu).
    set (wt := iter sigma lam eta w0 t) in *.
    rewrite iter_S. fold wt.
    set (y := eta * (sigma - lam * wt)).
    set (s := eta * sigma).
    assert (Hy0 : 0 <= y) by (unfold y; apply Rmult_le_pos; lra).
    assert (Hs0 : 0 < s) by (unfold s; apply Rmult_lt_0_compat; assumption).
    assert (Hs2 : 2 * s < 1) by (unfold s; lra).
    assert (Hy1 : 1 + y <> 0) by lra.
    split.
    + unfold step. fold y. apply Rmult_lt_0_compat; [exact Hpos|]. apply sq_pos; exact Hy1.
    + split.
      * (* sigma - lambda w' = (sigma - lambda w) N(y), N(y) >= 1 - 2 s > 0 *)
        assert (Hg := step_gap sigma lam eta wt). fold y s in Hg.
        assert (HN : 0 <= (1 + y) ^ 2 - s * (2 + y)).
        { replace ((1 + y) ^ 2 - s * (2 + y)) with ((1 - 2 * s) + y * (2 + y - s)) by ring.
          assert (0 <= y * (2 + y - s)) by (apply Rmult_le_pos; lra). lra. }
        assert (0 <= (sigma - lam * wt) * ((1 + y) ^ 2 - s * (2 + y))) by (apply Rmult_le_pos; lra).
        lra.
      * assert (Hs1 : 1 + eta * sigma <> 0) by (fold s; lra).
        assert (Hid := u_step_below sigma lam eta wt ltac:(lra) Hpos Hy1 Hs1).
        fold y s h in Hid.
        assert (Hnum : 0 <= eta * lam * y * (3 + 2 * s + 2 * y + s * y)).
        { apply Rmult_le_pos; [apply Rmult_le_pos; [nra|exact Hy0]|]. nra. }
        assert (Hden : 0 < (1 + s) ^ 2 * (1 + y) ^ 2).
        { apply Rmult_lt_0_compat; apply sq_pos; lra. }
        assert (Hq : 0 <= eta * lam * y * (3 + 2 * s + 2 * y + s * y) / ((1 + s) ^ 2 * (1 + y) ^ 2)).
        { unfold Rdiv. apply Rmult_le_pos; [exact Hnum|left; apply Rinv_0_lt_compat; exact Hden]. }
        assert (Hh : 0 <= h) by (unfold h; left; apply Rinv_0_lt_compat; apply sq_pos; lra).
        assert (Hm : h * (/ wt - lam / sigma) <= h * (h ^ t * u0)) by (apply Rmult_le_compat_l; assumption).
        change (/ (1 + s) ^ 2) with h in Hid. simpl pow. lra.
Qed.

End Below.

Lemma below_rate : forall s, 0 < s -> 0 <= / (1 + s) ^ 2 /\ / (1 + s) ^ 2 <= 1.
Proof.
  intros s Hs. assert (H1 : 1 <= (1 + s) ^ 2) by nra. split.
  - left. apply Rinv_0_lt_compat. lra.
  - rewrite <- Rinv_1. apply Rinv_le_contravar; lra.
Qed.

Theorem thm3_lower_below : forall sigma lam eta w0,
  domain sigma lam eta w0 -> lam * w0 <= sigma ->
  forall t : nat, lower_bound_below sigma lam eta w0 t <= iter sigma lam eta w0 t.
Proof.
  intros sigma lam eta w0 Hdom Hc t.
  destruct (below_invariant sigma lam eta w0 Hdom Hc t) as (Hpos & _ & Hu).
  destruct Hdom as (Hs & Hl & He & Hw0 & Hw1 & Hes).
  set (G := (/ (1 + eta * sigma) ^ 2) ^ t).
  assert (HG : 0 <= G <= 1).
  { destruct (below_rate (eta * sigma)) as [H0 H1]; [nra|]. apply pow_le_one; assumption. }
  assert (HE : (sigma - lam * w0) / (1 + eta * sigma) ^ (2 * t) = G * (sigma - lam * w0)).
  { unfold G. rewrite pow_mult, pow_inv. unfold Rdiv. ring. }
  assert (Hd : 0 < lam * w0 + G * (sigma - lam * w0)) by (apply bound_den_pos; lra).
  unfold lower_bound_below. rewrite HE, bound_as_inv by assumption.
  assert (HK : 0 < lam / sigma + G * (/ w0 - lam / sigma)).
  { rewrite <- (Rinv_inv (_ + _)). rewrite <- bound_as_inv by assumption.
    apply Rinv_0_lt_compat. apply Rdiv_lt_0_compat; [nra|exact Hd]. }
  apply ge_inv_iff; [exact Hpos|exact HK|]. unfold G. lra.
Qed.

(* ------------------------------------------------------------------------- *)
(* (b) lambda w0 > sigma, no overshoot                                       *)

Definition rho (s y : R) : R := 1 - s * (y + 2) / (y + 1) ^ 2.

(* rho(y) - rho(y0) = s (y - y0) (a + b + a b) / (a^2 b^2), a = 1 + y, b = 1 + y0 *)
Lemma rho_diff : forall s y y0, 1 + y <> 0 -> 1 + y0 <> 0 ->
  rho s y - rho s y0 = s * (y - y0) * ((1 + y) + (1 + y0) + (1 + y) * (1 + y0)) / ((1 + y) ^ 2 * (1 + y0) ^ 2).
Proof.
  intros s y y0 Ha Hb. unfold rho.
  assert (y + 1 <> 0) by lra. assert (y0 + 1 <> 0) by lra.
  field. split; assumption.
Qed.

Section Above.
Context (sigma lam eta w0 : R).
Context (Hdom : domain sigma lam eta w0).
Context (Hc : lower_cond_above sigma lam eta w0).
Let s := eta * sigma.
Let y0 := eta * (sigma - lam * w0).
Let r0 := rho s y0.
Let u0 := / w0 - lam / sigma.

Lemma above_facts : 0 < s /\ 2 * s < 1 /\ -1 < y0 < 0 /\ s / 2 - 1 <= y0 /\ 0 <= r0 <= 1.
Proof.
  destruct Hdom as (Hs & Hl & He & Hw0 & Hw1 & Hes).
  destruct Hc as (Ha & Hb & Hn). fold y0 s in Ha, Hb, Hn.
  assert (Hs0 : 0 < s) by (unfold s; apply Rmult_lt_0_compat; assumption).
  assert (Hs2 : 2 * s < 1) by (unfold s; lra).
  assert (Hyn : y0 < 0).
  { unfold y0. assert (0 < eta * (lam * w0 - sigma)) by (apply Rmult_lt_0_compat; lra). lra. }
  assert (Hlo : s / 2 - 1 <= y0).
  { (* N(y0) = (1 + y0 - s/2)^2 - s - s^2/4 >= 0 with 1 + y0 > 0 *)
    destruct (Rle_lt_dec (s / 2 - 1) y0) as [H|H]; [exact H|].
    exfalso.
    assert (Hsq : (1 + y0 - s / 2) ^ 2 < s ^ 2 / 4) by nra.
    assert ((y0 + 1) ^ 2 - s * (y0 + 2) = (1 + y0 - s / 2) ^ 2 - s - s ^ 2 / 4) by field.
    lra. }
  split; [exact Hs0|]. split; [exact Hs2|]. split; [lra|]. split; [exact Hlo|].
  assert (Hb2 : 0 < (y0 + 1) ^ 2) by (apply sq_pos; lra).
  unfold r0, rho.
  replace (1 - s * (y0 + 2) / (y0 + 1) ^ 2) with (((y0 + 1) ^ 2 - s * (y0 + 2)) / (y0 + 1) ^ 2)
    by (field; lra).
  assert (Hinv : 0 < / (y0 + 1) ^ 2) by (apply Rinv_0_lt_compat; exact Hb2).
  assert (Hone : (y0 + 1) ^ 2 * / (y0 + 1) ^ 2 = 1) by (field; lra).
  unfold Rdiv. split; [nra|].
  assert (0 <= s * (y0 + 2)) by (apply Rmult_le_pos; lra). nra.
Qed.

Lemma above_invariant : forall t,
  0 < iter sigma lam eta w0 t /\
  y0 <= eta * (sigma - lam * iter sigma lam eta w0 t) <= 0 /\
  / iter sigma lam eta w0 t - lam / sigma <= r0 ^ t * u0.
Proof.
  destruct above_facts as (Hs0 & Hs2 & Hy0 & Hlo & Hr0).
  destruct Hdom as (Hs & Hl & He & Hw0 & Hw1 & Hes).
  destruct Hc as (Ha & Hb & Hn). fold y0 s in Ha, Hb, Hn.
  intro t. induction t as [|t IH].
  - simpl. unfold u0. split; [lra|]. split; [fold y0; lra|]. lra.
  - destruct IH as (Hpos & Hreg & Hu).
    set (wt := iter sigma lam eta w0 t) in *.
    rewrite iter_S. fold wt.
    set (y := eta * (sigma - lam * wt)) in *.
    assert (Hy1 : 1 + y <> 0) by lra.
    split.
    + unfold step. fold y. apply Rmult_lt_0_compat; [exact Hpos|]. apply sq_pos; exact Hy1.
    + split.
      * (* y' = y N(y), 0 <= N(y) <= 1 *)
        assert (Hg := step_gap sigma lam eta wt). fold y s in Hg.
        assert (Hyy : eta * (sigma - lam * step sigma lam eta wt) = y * ((1 + y) ^ 2 - s * (2 + y))).
        { rewrite Hg. unfold y. ring. }
        rewrite Hyy.
        assert (HN0 : 0 <= (1 + y) ^ 2 - s * (2 + y)).
        { assert (Hd : (1 + y) ^ 2 - s * (2 + y) - ((y0 + 1) ^ 2 - s * (y0 + 2)) = (y - y0) * (y + y0 + 2 - s)) by ring.
          assert (0 <= (y - y0) * (y + y0 + 2 - s)) by (apply Rmult_le_pos; lra). lra. }
        assert (HN1 : (1 + y) ^ 2 - s * (2 + y) <= 1).
        { replace ((1 + y) ^ 2 - s * (2 + y)) with (1 + y * (2 + y - s) - 2 * s) by ring.
          assert (y * (2 + y - s) <= 0) by nra. lra. }
        split; nra.
      * (* u' = rho(y) u <= rho(y0) u <= rho(y0)^(t+1) u0 *)
        assert (Hid := u_step sigma lam eta wt ltac:(lra) Hpos Hy1). fold y s in Hid.
        change (1 - s * (y + 2) / (y + 1) ^ 2) with (rho s y) in Hid.
        assert (Hus : / wt - lam / sigma <= 0).
        { rewrite u_form by lra.
          assert (Hnum : sigma - lam * wt <= 0).
          { assert (eta * (sigma - lam * wt) <= 0) by (unfold y in Hreg; lra).
            destruct (Rle_lt_dec (sigma - lam * wt) 0) as [Hle|Hgt]; [exact Hle|]. nra. }
          assert (0 < / (sigma * wt)) by (apply Rinv_0_lt_compat; nra).
          unfold Rdiv. nra. }
        assert (Hrd := rho_diff s y y0 Hy1 ltac:(lra)). fold r0 in Hrd.
        assert (Hmono : 0 <= rho s y - r0).
        { rewrite Hrd.
          assert (0 < (1 + y) ^ 2 * (1 + y0) ^ 2) by (apply Rmult_lt_0_compat; apply sq_pos; lra).
          assert (0 <= s * (y - y0) * (1 + y + (1 + y0) + (1 + y) * (1 + y0))).
          { apply Rmult_le_pos; [apply Rmult_le_pos; lra|]. nra. }
          unfold Rdiv. apply Rmult_le_pos; [assumption|left; apply Rinv_0_lt_compat; assumption]. }
        assert (H1 : rho s y * (/ wt - lam / sigma) <= r0 * (/ wt - lam / sigma)) by nra.
        assert (H2 : r0 * (/ wt - lam / sigma) <= r0 * (r0 ^ t * u0))
          by (apply Rmult_le_compat_l; [lra|exact Hu]).
        simpl pow. lra.
Qed.

End Above.

Theorem thm3_lower_above : forall sigma lam eta w0,
  domain sigma lam eta w0 -> lower_cond_above sigma lam eta w0 ->
  forall t : nat, lower_bound_above sigma lam eta w0 t <= iter sigma lam eta w0 t.
Proof.
  intros sigma lam eta w0 Hdom Hc t.
  destruct (above_invariant sigma lam eta w0 Hdom Hc t) as (Hpos & _ & Hu).
  destruct (above_facts sigma lam eta w0 Hdom Hc) as (_ & _ & _ & _ & Hr0).
  destruct Hdom as (Hs & Hl & He & Hw0 & Hw1 & Hes).
  set (G := (rho (eta * sigma) (eta * (sigma - lam * w0))) ^ t) in *.
  assert (HG : 0 <= G <= 1) by (apply pow_le_one; lra).
  assert (HE : (sigma - lam * w0) * (1 - eta * sigma * (eta * (sigma - lam * w0) + 2) / (eta * (sigma - lam * w0) + 1) ^ 2) ^ t = G * (sigma - lam * w0)).
  { unfold G, rho. ring. }
  assert (Hd : 0 < lam * w0 + G * (sigma - lam * w0)) by (apply bound_den_pos; lra).
  unfold lower_bound_above. rewrite HE, bound_as_inv by assumption.
  assert (HK : 0 < lam / sigma + G * (/ w0 - lam / sigma)).
  { rewrite <- (Rinv_inv (_ + _)). rewrite <- bound_as_inv by assumption.
    apply Rinv_0_lt_compat. apply Rdiv_lt_0_compat; [nra|exact Hd]. }
  apply ge_inv_iff; [exact Hpos|exact HK|]. lra.
Qed.

(* both regimes together, as in the registry's And(Implies(..), Implies(..)) *)
Theorem thm3_lower_corrected : forall sigma lam eta w0,
  domain sigma lam eta w0 ->
  (lam * w0 <= sigma -> forall t : nat, lower_bound_below sigma lam eta w0 t <= iter sigma lam eta w0 t) /\
  (lower_cond_above sigma lam eta w0 -> forall t : nat, lower_bound_above sigma lam eta w0 t <= iter sigma lam eta w0 t).
Proof.
  intros sigma lam eta w0 Hdom. split.
  - apply thm3_lower_below; exact Hdom.
  - apply thm3_lower_above; exact Hdom.
Qed.
