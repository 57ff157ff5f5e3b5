//! The datasets runtime API's answer that needs the runtime itself: checking a contribution by
//! applying it in a throw-away block.

use alloc::format;
use pallet_datasets::Contributions;
use pallet_datasets_runtime_api::{SubmissionCheck, SubmissionRejection};

use frame_support::storage::{transactional::with_transaction_opaque_err, TransactionOutcome};
use sp_runtime::traits::Header as _;

use crate::{Executive, Hash, Header, Runtime, RuntimeCall, UncheckedExtrinsic};

/// Applies a submission extrinsic in a block built on `parent` and reports what it would do.
/// Everything it changed is rolled back: a runtime API call's changes are discarded anyway,
/// and this makes it true for any caller.
pub fn check_submission(
	extrinsic: UncheckedExtrinsic,
	parent: Hash,
) -> Result<SubmissionCheck, SubmissionRejection> {
	let RuntimeCall::Datasets(pallet_datasets::Call::submit_contribution { dataset, .. }) =
		&extrinsic.function
	else {
		return Err(SubmissionRejection::NotASubmission);
	};
	let dataset = *dataset;
	if !extrinsic.is_signed() {
		return Err(SubmissionRejection::NotASubmission);
	}
	with_transaction_opaque_err(|| {
		// As block production would: the next block, on top of `parent` (mortality checks
		// look the parent's hash up).
		let number = frame_system::Pallet::<Runtime>::block_number().saturating_add(1);
		Executive::initialize_block(&Header::new(
			number,
			Default::default(),
			Default::default(),
			parent,
			Default::default(),
		));
		let contribution = pallet_datasets::NextContributionId::<Runtime>::get();
		let outcome = match Executive::apply_extrinsic(extrinsic) {
			Err(invalid) => Err(SubmissionRejection::Invalid(format!("{invalid:?}"))),
			Ok(Err(error)) => {
				let (pallet, error) = super::error_names(error);
				Err(SubmissionRejection::Failed { pallet, error })
			},
			Ok(Ok(_)) => {
				let bond = Contributions::<Runtime>::get(contribution).map_or(0, |c| c.bond);
				Ok(SubmissionCheck { contribution, dataset, bond })
			},
		};
		TransactionOutcome::Rollback(outcome)
	})
	.unwrap_or_else(|()| Err(SubmissionRejection::Invalid("storage layer limit".into())))
}
