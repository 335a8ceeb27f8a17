(* Gidel, Bach, Lacoste-Julien (2019), Thm. 3, last line, corrected (registry thm3.sigma0):
   for sigma = 0, 0 < lambda, 0 < eta, 0 < w0 < 1,
     eta lambda w0 <= (1 + sqrt 5)/2   <->   for all t, w_t <= w0 / (1 + eta lambda t w0),
   and when the condition fails the bound already fails at t = 1.

   Proof: x = eta lambda w, w' = w (1 - x)^2;
     1/w' - 1/w - eta lambda = eta lambda (1 + x - x^2) / (1 - x)^2      (field)
   is >= 0 iff x <= phi = (1 + sqrt 5)/2, and x' = x (1 - x)^2 <= x on 0 <= x <= 2, so the
   region 0 <= x <= x0 is invariant and 1/w_t >= 1/w0 + eta lambda t (w_t = 0 is trivial). *)

Require Import Reals Lra Lia Psatz.
Require Import Symdln.Recursion.
Open Scope R_scope.

Definition sigma0_cond (lam eta w0 : R) : Prop := eta * lam * w0 <= 1 / 2 + sqrt (5) / 2.
Definition sigma0_bound (lam eta w0 : R) (t : nat) : R := w0 / (1 + eta * lam * INR t * w0).

Lemma sqrt5_facts : 0 <= sqrt 5 /\ sqrt 5 * sqrt 5 = 5.
Proof. split; [apply sqrt_pos|apply sqrt_sqrt; lra]. Qed.

(* x <= phi  <->  x^2 - x - 1 <= 0, for x >= 0 *)
Lemma below_phi : forall x, 0 <= x -> x <= 1 / 2 + sqrt (5) / 2 -> x ^ 2 - x - 1 <= 0.
Proof.
  intros x Hx Hphi. destruct sqrt5_facts as [Hr Hr2].
  assert (Hr1 : 1 <= sqrt 5) by nra.
  assert (Hid : x ^ 2 - x - 1 = (x - (1 / 2 + sqrt 5 / 2)) * (x - (1 / 2 - sqrt 5 / 2))) by nra.
  rewrite Hid. assert (0 <= x - (1 / 2 - sqrt 5 / 2)) by lra. nra.
Qed.

Lemma above_phi : forall x, 1 / 2 + sqrt (5) / 2 < x -> 0 < x ^ 2 - x - 1.
Proof.
  intros x Hphi. destruct sqrt5_facts as [Hr Hr2].
  assert (Hr1 : 1 <= sqrt 5) by nra.
  assert (Hid : x ^ 2 - x - 1 = (x - (1 / 2 + sqrt 5 / 2)) * (x - (1 / 2 - sqrt 5 / 2))) by nra.
  rewrite Hid. assert (0 < x - (1 / 2 - sqrt 5 / 2)) by lra.
  apply Rmult_lt_0_compat; lra.
Qed.

Lemma phi_lt_2 : 1 / 2 + sqrt (5) / 2 < 2.
Proof. destruct sqrt5_facts as [Hr Hr2]. nra. Qed.

(* the one-step identity for 1/w at sigma = 0 *)
Lemma inv_step_sigma0 : forall lam eta w,
  0 < w -> 1 - eta * lam * w <> 0 ->
  / step 0 lam eta w - / w - eta * lam =
  eta * lam * (1 + eta * lam * w - (eta * lam * w) ^ 2) / (1 - eta * lam * w) ^ 2.
Proof.
  intros lam eta w Hw Hx. unfold step.
  replace (1 + eta * (0 - lam * w)) with (1 - eta * lam * w) by ring.
  field. split; [exact Hx|lra].
Qed.

Section Sigma0.
Context (lam eta w0 : R).
Context (Hdom : domain0 lam eta w0).

Lemma sigma0_invariant : sigma0_cond lam eta w0 -> forall t,
  0 <= iter 0 lam eta w0 t /\
  eta * lam * iter 0 lam eta w0 t <= eta * lam * w0 /\
  (0 < iter 0 lam eta w0 t -> / w0 + eta * lam * INR t <= / iter 0 lam eta w0 t).
Proof.
  destruct Hdom as (Hl & He & Hw0 & Hw1).
  intros Hc t. induction t as [|t IH].
  - simpl. split; [lra|]. split; [lra|]. intros _. lra.
  - destruct IH as (Hnn & Hreg & Hu).
    set (wt := iter 0 lam eta w0 t) in *.
    rewrite iter_S. fold wt.
    assert (Hel : 0 < eta * lam) by (apply Rmult_lt_0_compat; assumption).
    set (x := eta * lam * wt) in *.
    assert (Hx0 : 0 <= x) by (unfold x; apply Rmult_le_pos; lra).
    assert (Hx2 : x <= 2) by (pose proof phi_lt_2; unfold sigma0_cond in Hc; lra).
    assert (Hstep : step 0 lam eta wt = wt * (1 - x) ^ 2) by (unfold step, x; ring).
    rewrite Hstep.
    split; [apply Rmult_le_pos; [exact Hnn|apply pow2_ge_0]|].
    split.
    + replace (eta * lam * (wt * (1 - x) ^ 2)) with (x * (1 - x) ^ 2) by (unfold x; ring).
      assert (x * (1 - x) ^ 2 <= x) by nra. lra.
    + intro Hpos.
      assert (Hwt : 0 < wt).
      { destruct Hnn as [Hlt|Heq]; [exact Hlt|]. rewrite <- Heq in Hpos. lra. }
      assert (Hx1 : 1 - x <> 0).
      { intro H0. rewrite H0 in Hpos. simpl in Hpos. lra. }
      assert (Hid := inv_step_sigma0 lam eta wt Hwt Hx1). fold x in Hid. rewrite Hstep in Hid.
      assert (Hq : x ^ 2 - x - 1 <= 0).
      { apply below_phi; [exact Hx0|]. unfold sigma0_cond in Hc. lra. }
      assert (Hnum : 0 <= eta * lam * (1 + x - x ^ 2)) by (apply Rmult_le_pos; lra).
      assert (Hden : 0 < (1 - x) ^ 2) by (apply sq_pos; exact Hx1).
      assert (Hfrac : 0 <= eta * lam * (1 + x - x ^ 2) / (1 - x) ^ 2).
      { unfold Rdiv. apply Rmult_le_pos; [exact Hnum|left; apply Rinv_0_lt_compat; exact Hden]. }
      specialize (Hu Hwt). rewrite S_INR. lra.
Qed.

End Sigma0.

Lemma sigma0_bound_as_inv : forall lam eta w0 t,
  0 < lam -> 0 < eta -> 0 < w0 ->
  sigma0_bound lam eta w0 t = / (/ w0 + eta * lam * INR t).
Proof.
  intros lam eta w0 t Hl He Hw. unfold sigma0_bound.
  assert (0 <= INR t) by apply pos_INR.
  assert (0 <= eta * lam * INR t) by (apply Rmult_le_pos; [nra|lra]).
  assert (0 <= eta * lam * INR t * w0) by (apply Rmult_le_pos; lra).
  field. split; lra.
Qed.

Theorem thm3_sigma0_corrected : forall lam eta w0,
  domain0 lam eta w0 -> sigma0_cond lam eta w0 ->
  forall t : nat, iter 0 lam eta w0 t <= sigma0_bound lam eta w0 t.
Proof.
  intros lam eta w0 Hdom Hc t.
  destruct (sigma0_invariant lam eta w0 Hdom Hc t) as (Hnn & _ & Hu).
  destruct Hdom as (Hl & He & Hw0 & Hw1).
  rewrite sigma0_bound_as_inv by assumption.
  assert (HK : 0 < / w0 + eta * lam * INR t).
  { assert (0 <= INR t) by apply pos_INR.
    assert (0 <= eta * lam * INR t) by (apply Rmult_le_pos; [nra|lra]).
    assert (0 < / w0) by (apply Rinv_0_lt_compat; exact Hw0). lra. }
  destruct Hnn as [Hpos|Hz].
  - apply le_inv_iff; [exact Hpos|exact HK|]. apply Hu; exact Hpos.
  - rewrite <- Hz. left. apply Rinv_0_lt_compat. exact HK.
Qed.

Theorem thm3_sigma0_sharp : forall lam eta w0,
  domain0 lam eta w0 -> ~ sigma0_cond lam eta w0 ->
  sigma0_bound lam eta w0 1 < iter 0 lam eta w0 1.
Proof.
  intros lam eta w0 (Hl & He & Hw0 & Hw1) Hc.
  unfold sigma0_cond in Hc. apply Rnot_le_lt in Hc.
  set (x := eta * lam * w0) in *.
  assert (Hq := above_phi x Hc).
  assert (Hx : 0 < x) by (unfold x; apply Rmult_lt_0_compat; [nra|exact Hw0]).
  unfold sigma0_bound. simpl INR. simpl iter.
  replace (1 + eta * lam * 1 * w0) with (1 + x) by (unfold x; ring).
  replace (step 0 lam eta w0) with (w0 * (1 - x) ^ 2) by (unfold step, x; ring).
  (* (1 - x)^2 (1 + x) = 1 + x (x^2 - x - 1) > 1 *)
  assert (Hgt : 1 < (1 - x) ^ 2 * (1 + x)).
  { replace ((1 - x) ^ 2 * (1 + x)) with (1 + x * (x ^ 2 - x - 1)) by ring.
    assert (0 < x * (x ^ 2 - x - 1)) by (apply Rmult_lt_0_compat; assumption). lra. }
  assert (HD : 0 < 1 + x) by lra.
  assert (Hinv : 0 < / (1 + x)) by (apply Rinv_0_lt_compat; exact HD).
  assert (Hone : (1 + x) * / (1 + x) = 1) by (field; lra).
  unfold Rdiv. nra.
Qed.

Theorem thm3_sigma0_iff : forall lam eta w0,
  domain0 lam eta w0 ->
  (sigma0_cond lam eta w0 <-> forall t : nat, iter 0 lam eta w0 t <= sigma0_bound lam eta w0 t).
Proof.
  intros lam eta w0 Hdom; split.
  - apply thm3_sigma0_corrected; exact Hdom.
  - intro H. unfold sigma0_cond.
    destruct (Rle_lt_dec (eta * lam * w0) (1 / 2 + sqrt (5) / 2)) as [Hc|Hc]; [exact Hc|].
    exfalso. apply Rlt_not_le in Hc.
    specialize (H 1%nat). assert (Hs := thm3_sigma0_sharp lam eta w0 Hdom Hc). lra.
Qed.
